package io.asyncoro.spring.handler;

import io.asyncoro.spring.annotation.SocketController;

/** A handler method of a {@code @SocketController} has a signature that cannot be served, or is misplaced. */
public class InvalidHandlerMethodException extends RuntimeException {

    private final String method;
    private final String reason;

    /**
     * The failure of {@code method}.
     *
     * @param method the method, as {@code Class.name(ParamTypes)}
     * @param reason what is wrong with it
     */
    public InvalidHandlerMethodException(String method, String reason) {
        super("Handler method " + method + " cannot be served: " + reason);
        this.method = method;
        this.reason = reason;
    }

    /** The method, as {@code Class.name(ParamTypes)}. */
    public String getMethod() {
        return this.method;
    }

    /** What is wrong with it. */
    public String getReason() {
        return this.reason;
    }
}
