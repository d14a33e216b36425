package io.asyncoro.spring.client;

/**
 * A client call failed: no address could be connected to, the connection closed before the reply, the
 * message could not be framed. The connection the call used, if any, is discarded.
 */
public class AsyncoroClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public AsyncoroClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure. */
    public AsyncoroClientException(String message) {
        super(message);
    }
}
