package io.asyncoro.reliability.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;

/** Starting core servers on loopback and connecting to them. */
public final class Servers {

    /** Every client in this suite gives up after this long, so a broken server fails a test instead of hanging it. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private Servers() {
    }

    /** Echoes every framed message until the peer ends its stream. */
    public static final ConnectionHandler ECHO = socket -> {
        byte[] message;
        while ((message = socket.recvMsg()) != null) {
            socket.sendMsg(message);
        }
    };

    /** A builder bound to loopback on any free port, with a short grace period. */
    public static AsyncSocketServer.Builder loopback(String name) {
        return AsyncSocketServer.builder()
                .name(name)
                .address(InetAddress.getLoopbackAddress())
                .port(0)
                .shutdownGracePeriod(Duration.ofSeconds(5));
    }

    /** Builds and starts. */
    public static AsyncSocketServer started(AsyncSocketServer.Builder builder) throws IOException {
        AsyncSocketServer server = builder.build();
        server.start();
        return server;
    }

    public static InetSocketAddress address(AsyncSocketServer server) {
        return new InetSocketAddress("127.0.0.1", server.localPort());
    }

    /** A plain client with the suite's timeout. */
    public static AsyncSocket connect(AsyncSocketServer server) throws IOException {
        AsyncSocket client = AsyncSocket.connect(address(server), CLIENT_TIMEOUT);
        client.setTimeout(CLIENT_TIMEOUT);
        return client;
    }

    /** A TLS client for host {@code localhost} on the server's port. */
    public static AsyncSocket connectTls(AsyncSocketServer server, TlsClientConfig tls) throws IOException {
        AsyncSocket client = AsyncSocket.connectTls(new InetSocketAddress("localhost", server.localPort()), CLIENT_TIMEOUT, tls);
        client.setTimeout(CLIENT_TIMEOUT);
        return client;
    }
}
