package io.asyncoro.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * A plain non-blocking {@link SocketChannel}, TCP or Unix domain, read by a {@link Poller} and written by its own coroutine (see
 * {@link PolledChannel}). The socket is used through its channel only: a socket adaptor would cost every idle
 * connection two more objects.
 */
final class PolledTransport extends StreamTransport {

    private final SocketChannel channel;
    private final PolledChannel polled;
    // A closed channel no longer reports its addresses; callers log them after close.
    private final SocketAddress local;
    private final SocketAddress remote;
    // Guarded by writeLock: when the current write operation must end (0 for never).
    private long writeDeadline;

    PolledTransport(SocketChannel channel, SocketSettings settings) throws IOException {
        super(settings);
        this.channel = channel;
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
        this.polled = new PolledChannel(channel);
    }

    /** Connects a new channel to {@code address}, waiting at most {@code connectTimeout} (zero: the system's limit). */
    static PolledTransport connect(InetSocketAddress address, Duration connectTimeout, SocketSettings settings)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        int millis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        // The socket adaptor's connect is the channel's only one with a timeout.
        return connected(channel, () -> channel.socket().connect(address, millis), settings);
    }

    /** Connects a new channel to a Unix domain socket. */
    static PolledTransport connect(UnixDomainSocketAddress address, SocketSettings settings) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        return connected(channel, () -> channel.connect(address), settings);
    }

    /** Wraps a channel a server accepted, TCP or Unix domain; the caller closes it if this throws. */
    static PolledTransport accepted(SocketChannel channel, SocketSettings settings) throws IOException {
        // A Unix domain socket has no Nagle delay to turn off (and refuses the option).
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return new PolledTransport(channel, settings);
    }

    /** A blocking connect of a new channel. */
    @FunctionalInterface
    private interface Connect {
        void run() throws IOException;
    }

    private static PolledTransport connected(SocketChannel channel, Connect connect, SocketSettings settings)
            throws IOException {
        try {
            connect.run();
            return accepted(channel, settings);
        }
        catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    /** The poller-read side (for tests). */
    PolledChannel polledChannel() {
        return polled;
    }

    // ---------------------------------------------------------------- I/O

    @Override
    public boolean readsAhead() {
        return true;
    }

    @Override
    int readStream(byte[] dst, int offset, int length, long deadline) throws IOException {
        return polled.readInto(dst, offset, length, deadline);
    }

    @Override
    byte[] takeChunk(long deadline) throws IOException {
        return polled.take(deadline);
    }

    @Override
    ScheduledFuture<?> startWriteClock(long timeoutNanos) {
        // A polled write parks with its own deadline: no timer needed.
        writeDeadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        return null;
    }

    @Override
    void writeFully(byte[] data, int offset, int length) throws IOException {
        polled.write(data, offset, length, writeDeadline);
    }

    // ---------------------------------------------------------------- closing

    @Override
    void shutdownOutputNow() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    void shutdownInputNow() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.shutdownInput();
            }
            catch (ClosedChannelException ex) {
                // closed meanwhile: the reader is woken below either way
            }
        }
        polled.inputShutdown();
    }

    @Override
    void wakeWaiters() {
        polled.closed();
    }

    @Override
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    void release() {
        try {
            channel.close();
        }
        catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
        polled.released();
    }

    @Override
    void resetOnClose() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }

    // ---------------------------------------------------------------- describing

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String kind() {
        return local instanceof UnixDomainSocketAddress ? "unix" : "tcp";
    }
}
