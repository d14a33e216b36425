package io.asyncoro.spring.handler;

import java.util.Set;

import io.asyncoro.spring.annotation.SocketController;

/** A {@code @SocketController} names a server that is not configured under {@code asyncoro.servers}. */
public class UnknownServerException extends RuntimeException {

    private final String serverName;
    private final String controller;
    private final Set<String> configuredServers;

    /** The failure of {@code controller} (a bean name and class) naming {@code serverName}. */
    public UnknownServerException(String serverName, String controller, Set<String> configuredServers) {
        super("@SocketController " + controller + " names server '" + serverName
                + "', which is not configured under asyncoro.servers (configured: " + configuredServers + ")");
        this.serverName = serverName;
        this.controller = controller;
        this.configuredServers = Set.copyOf(configuredServers);
    }

    /** The name the controller gave. */
    public String getServerName() {
        return this.serverName;
    }

    /** The controller: its bean name and class. */
    public String getController() {
        return this.controller;
    }

    /** The servers that are configured. */
    public Set<String> getConfiguredServers() {
        return this.configuredServers;
    }
}
