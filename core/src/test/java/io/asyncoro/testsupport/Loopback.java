package io.asyncoro.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import io.asyncoro.net.AsyncSocket;

/** Connected pairs over real loopback TCP sockets on a free port. */
public final class Loopback {

    private Loopback() {
    }

    /** 127.0.0.1 at {@code port}. */
    public static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** "localhost" (for host-name checks) bound to 127.0.0.1 without a lookup. */
    public static InetSocketAddress localhost(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 }), port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An {@link AsyncSocket} client connected to a plain {@link Socket} the test drives byte by byte. */
    public static RawPair rawPair() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AsyncSocket client = AsyncSocket.connect(address(listener.getLocalPort()), Duration.ofSeconds(5));
            Socket peer = listener.accept();
            return new RawPair(client, peer);
        }
    }

    /** Two {@link AsyncSocket}s connected to each other. */
    public static AsyncPair asyncPair() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AsyncSocket client = AsyncSocket.connect(address(listener.getLocalPort()), Duration.ofSeconds(5));
            AsyncSocket server = AsyncSocket.of(listener.accept());
            return new AsyncPair(client, server);
        }
    }

    /** An async socket and a plain peer. */
    public record RawPair(AsyncSocket socket, Socket peer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
            peer.close();
        }
    }

    /** Two async sockets, connected. */
    public record AsyncPair(AsyncSocket client, AsyncSocket server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }
}
