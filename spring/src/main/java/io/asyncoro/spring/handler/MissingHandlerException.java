package io.asyncoro.spring.handler;

import io.asyncoro.spring.annotation.SocketController;

/** A server configured under {@code asyncoro.servers} has no {@code @SocketController} to serve it. */
public class MissingHandlerException extends RuntimeException {

    private final String serverName;

    /** The failure of server {@code serverName}. */
    public MissingHandlerException(String serverName) {
        super("Server '" + serverName + "' is configured under asyncoro.servers." + serverName
                + " but no @SocketController(\"" + serverName + "\") bean serves it");
        this.serverName = serverName;
    }

    /** The server without a handler. */
    public String getServerName() {
        return this.serverName;
    }
}
