package io.asyncoro.spring.boot.test;

import java.util.Locale;

import org.springframework.core.env.Environment;

import io.asyncoro.net.Framing;

/**
 * Where and how to reach a named server of a running context, read from its properties: the port it took
 * ({@code local.asyncoro.servers.<name>.port}), its address, framing and whether it speaks TLS
 * ({@code asyncoro.servers.<name>.*}).
 *
 * @param name the server's name
 * @param host the host to connect to: 127.0.0.1 for a server bound to every interface
 * @param port the port the server is listening on
 * @param framing how the server cuts the stream into messages
 * @param tls whether the server speaks TLS
 */
record ServerAddress(String name, String host, int port, Framing framing, boolean tls) {

    /** The loopback address a test reaches a server listening on every interface by. */
    static final String LOOPBACK = "127.0.0.1";

    static ServerAddress of(Environment environment, String name) {
        String portProperty = "local.asyncoro.servers." + name + ".port";
        Integer port = environment.getProperty(portProperty, Integer.class);
        if (port == null) {
            throw new IllegalStateException(portProperty + " is not set: is a server named \"" + name
                    + "\" configured under asyncoro.servers and has the context started it?");
        }
        String prefix = "asyncoro.servers." + name + ".";
        if ("udp".equalsIgnoreCase(environment.getProperty(prefix + "protocol", "tcp").trim())) {
            throw new IllegalStateException("server \"" + name + "\" is a UDP server; the test client speaks TCP");
        }
        return new ServerAddress(name, host(environment.getProperty(prefix + "address")), port,
                framing(environment.getProperty(prefix + "framing"), prefix), 
                environment.getProperty(prefix + "ssl.enabled", Boolean.class, false));
    }

    private static String host(String address) {
        if (address == null || address.isBlank()) {
            return LOOPBACK;
        }
        String trimmed = address.trim();
        // A wildcard address is not one a client can connect to; the server listens on loopback too.
        return switch (trimmed) {
            case "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0" -> LOOPBACK;
            default -> trimmed;
        };
    }

    private static Framing framing(String value, String prefix) {
        if (value == null || value.isBlank()) {
            return Framing.MESSAGE; // the starter's default
        }
        try {
            return Framing.valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(prefix + "framing=" + value + " is not message, line or raw", ex);
        }
    }

    /** How messages and errors name this server, for example {@code chat (127.0.0.1:5000, line framing)}. */
    String describe() {
        return (name != null ? name + " " : "") + "(" + host + ":" + port + ", "
                + framing.name().toLowerCase(Locale.ROOT) + " framing" + (tls ? ", TLS" : "") + ")";
    }
}
