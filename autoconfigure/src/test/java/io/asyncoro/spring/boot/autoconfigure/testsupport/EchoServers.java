package io.asyncoro.spring.boot.autoconfigure.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;

/** Real asyncoro servers on 127.0.0.1 and a free port, for tests. */
public final class EchoServers {

    /** Echoes every framed message back until the client ends the stream. */
    public static final ConnectionHandler ECHO = socket -> {
        byte[] message;
        while ((message = socket.recvMsg()) != null) {
            socket.sendMsg(message);
        }
    };

    private EchoServers() {
    }

    /** A framed echo server on loopback, port 0, not started. */
    public static AsyncSocketServer.Builder echo(String name) {
        return AsyncSocketServer.builder()
            .name(name)
            .address(InetAddress.getLoopbackAddress())
            .port(0)
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .handler(ECHO);
    }

    /** A plain client connected to {@code server}. */
    public static AsyncSocket connect(AsyncSocketServer server) throws IOException {
        return AsyncSocket.connect(address(server), Duration.ofSeconds(5));
    }

    public static InetSocketAddress address(AsyncSocketServer server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
    }
}
