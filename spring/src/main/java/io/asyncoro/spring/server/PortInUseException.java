package io.asyncoro.spring.server;

/** A server could not bind its port because something else holds it. */
public class PortInUseException extends RuntimeException {

    private final String serverName;
    private final String address;
    private final int port;

    /** The failure of server {@code serverName} to bind {@code address:port}. */
    public PortInUseException(String serverName, String address, int port, Throwable cause) {
        super("Server '" + serverName + "' cannot listen on " + address + ":" + port + ": the port is in use", cause);
        this.serverName = serverName;
        this.address = address;
        this.port = port;
    }

    /** The server that failed to start. */
    public String getServerName() {
        return this.serverName;
    }

    /** The address it tried to bind. */
    public String getAddress() {
        return this.address;
    }

    /** The port in use. */
    public int getPort() {
        return this.port;
    }
}
