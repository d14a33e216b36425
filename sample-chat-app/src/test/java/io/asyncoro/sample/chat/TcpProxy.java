package io.asyncoro.sample.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of one port, to cut one node's link to Redis while Redis and the other nodes go
 * on: {@link #cut()} closes every connection through it and refuses new ones, {@link #restore()} listens again on
 * the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpProxy(int port, int target) throws IOException {
        this.port = port;
        this.target = target;
        restore();
    }

    int port() {
        return this.port;
    }

    /** Listens again, on the same port. */
    synchronized void restore() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
        this.listener = server;
        Thread.ofVirtual().name("test-proxy-accept").start(() -> acceptAll(server));
    }

    /** Closes every connection and stops listening: connecting is refused until {@link #restore()}. */
    synchronized void cut() throws IOException {
        this.listener.close();
        for (Socket socket : this.open) {
            socket.close();
        }
        this.open.clear();
    }

    private void acceptAll(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
                this.open.add(client);
                this.open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            }
            catch (IOException ex) {
                // closed by cut(), or the target refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        catch (IOException ex) {
            // one side closed: close both
        }
        finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        this.open.remove(socket);
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
