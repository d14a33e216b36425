package io.asyncoro.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * A listening TCP socket, plain or TLS, or a Unix domain socket, whose {@link #accept()} parks the calling
 * coroutine.
 *
 * <p>{@link #accept()} returns a socket already through its TLS handshake; a failed or stalled handshake
 * is that connection's {@link IOException}, and the server socket stays open. A server that must not let a
 * slow handshake hold up its accept loop takes {@link #acceptPending()} and runs
 * {@link AsyncSocket#handshake()} in the connection's own coroutine, as {@code AsyncSocketServer} does.
 */
public final class AsyncServerSocket implements Closeable {

    // Blocking mode accepts JDK sockets (server); otherwise channels are accepted (channel), whose sockets a Poller
    // reads (see PolledChannel), TLS included. Exactly one is set.
    private final ServerSocket server;
    private final ServerSocketChannel channel;
    private final SocketAddress local;
    private final TlsServerConfig tls;
    private final boolean blocking;

    private AsyncServerSocket(ServerSocket server, ServerSocketChannel channel, SocketAddress local,
            TlsServerConfig tls, boolean blocking) {
        this.server = server;
        this.channel = channel;
        this.local = local;
        this.tls = tls;
        this.blocking = blocking;
    }

    /** Binds a plain TCP server socket ({@code port} 0 takes any free port). */
    public static AsyncServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        return bind(address, backlog, null, false);
    }

    /** Binds a TLS server socket. */
    public static AsyncServerSocket bindTls(InetSocketAddress address, int backlog, TlsServerConfig tls) throws IOException {
        return bind(address, backlog, tls, false);
    }

    /**
     * Binds a server socket.
     *
     * @param tls TLS settings, or {@code null} for plain TCP
     * @param blocking whether accepted sockets are for blocking mode (see {@link AsyncSocket#isBlocking()}); they
     *        are then JDK sockets read by their own thread, otherwise channels read by the poller, TLS included
     */
    public static AsyncServerSocket bind(InetSocketAddress address, int backlog, TlsServerConfig tls, boolean blocking)
            throws IOException {
        if (blocking && tls != null && tls.provider() == TlsProvider.OPENSSL) {
            throw new IllegalArgumentException("TLS provider OPENSSL serves the polled (non-blocking) mode only: "
                    + "blocking-mode TLS runs on the JDK's SSLSocket; use TlsProvider.JDK for a blocking server");
        }
        if (!blocking) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(address, backlog);
            }
            catch (IOException | RuntimeException ex) {
                channel.close();
                throw ex;
            }
            return new AsyncServerSocket(null, channel, channel.getLocalAddress(), tls, false);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, backlog);
        }
        catch (IOException ex) {
            server.close();
            throw ex;
        }
        return new AsyncServerSocket(server, null, server.getLocalSocketAddress(), tls, blocking);
    }

    /**
     * Binds a Unix domain socket at the address's path, which must not exist yet: a file left by a server that
     * did not stop is not removed here, since it may belong to one still running. {@link #close()} deletes it.
     * Accepted sockets are read by the poller, like plain TCP.
     */
    public static AsyncServerSocket bind(UnixDomainSocketAddress address, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(address, backlog);
        }
        catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
        return new AsyncServerSocket(null, channel, address, null, false);
    }

    /** Accepts a connection and completes its TLS handshake (if any) within the handshake timeout. */
    public AsyncSocket accept() throws IOException {
        AsyncSocket socket = acceptPending();
        try {
            socket.handshake();
            return socket;
        }
        catch (IOException | RuntimeException ex) {
            socket.close();
            throw ex;
        }
    }

    /**
     * Accepts a connection without starting its TLS handshake; the handshake runs on first use of the socket or
     * on {@link AsyncSocket#handshake()}.
     */
    public AsyncSocket acceptPending() throws IOException {
        if (channel != null) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            }
            catch (ClosedChannelException ex) {
                SocketException closed = new SocketException("Socket closed");
                closed.initCause(ex);
                throw closed;
            }
            try {
                return AsyncSocket.accepted(accepted, tls);
            }
            catch (IOException | RuntimeException ex) {
                accepted.close();
                throw ex;
            }
        }
        Socket accepted = server.accept();
        try {
            return AsyncSocket.accepted(accepted, tls, blocking);
        }
        catch (IOException | RuntimeException ex) {
            accepted.close();
            throw ex;
        }
    }

    /**
     * The IP address bound, with the actual port when 0 was asked for; {@code null} for a Unix domain socket (see
     * {@link #localSocketAddress()}).
     */
    public InetSocketAddress localAddress() {
        return local instanceof InetSocketAddress inet ? inet : null;
    }

    /** The address bound: an {@link InetSocketAddress}, or the {@link UnixDomainSocketAddress} of the path. */
    public SocketAddress localSocketAddress() {
        return local;
    }

    /** The port bound; -1 for a Unix domain socket. */
    public int localPort() {
        return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** Whether connections are served over TLS. */
    public boolean isTls() {
        return tls != null;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return server != null ? server.isClosed() : !channel.isOpen();
    }

    /**
     * Stops listening; a coroutine blocked in {@link #accept()} wakes with a {@link java.net.SocketException}. A
     * Unix domain socket's file is deleted, so the path can be bound again.
     */
    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            return;
        }
        boolean wasOpen = channel.isOpen();
        channel.close();
        if (wasOpen && local instanceof UnixDomainSocketAddress unix) {
            Files.deleteIfExists(unix.getPath());
        }
    }
}
