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
 * A plain non-blocking TCP {@link SocketChannel}, read by a {@link Poller} and written by its own coroutine (see
 * {@link PolledChannel}). The socket is used through its channel only: a socket adaptor would cost every idle
 * connection two more objects. {@link TlsEngineTransport} adds TLS on top; {@link UnixDomainTransport} is the same
 * over a local socket.
 */
class PolledTransport extends StreamTransport {

    final SocketChannel channel;
    final PolledChannel polled;
    // A closed channel no longer reports its addresses; callers log them after close.
    private final SocketAddress local;
    private final SocketAddress remote;
    // Guarded by writeLock: when the current write operation must end (0 for never).
    long writeDeadline;

    PolledTransport(SocketChannel channel, SocketSettings settings) throws IOException {
        super(settings);
        // A Unix domain socket has no Nagle delay to turn off (and refuses the option).
        if (!(channel.getLocalAddress() instanceof UnixDomainSocketAddress)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        this.channel = channel;
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
        this.polled = new PolledChannel(channel);
    }

    /** Connects to {@code address}, waiting at most {@code connectTimeout} (zero: the system's limit). */
    static PolledTransport connect(InetSocketAddress address, Duration connectTimeout, SocketSettings settings)
            throws IOException {
        return overNewChannel(address, connectTimeout, channel -> new PolledTransport(channel, settings));
    }

    /** Wraps a channel a server accepted, TCP or Unix domain; the caller closes it if this throws. */
    static PolledTransport accepted(SocketChannel channel, SocketSettings settings) throws IOException {
        return channel.getLocalAddress() instanceof UnixDomainSocketAddress
                ? new UnixDomainTransport(channel, settings) : new PolledTransport(channel, settings);
    }

    /** What becomes of a newly connected channel. */
    @FunctionalInterface
    interface ChannelUse<T> {
        T over(SocketChannel channel) throws IOException;
    }

    /** Opens and connects a channel of the address's kind and hands it to {@code use}; closes it if either fails. */
    static <T> T overNewChannel(SocketAddress address, Duration connectTimeout, ChannelUse<T> use) throws IOException {
        boolean unix = address instanceof UnixDomainSocketAddress;
        SocketChannel channel = unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            if (unix) {
                channel.connect(address);
            }
            else {
                // The socket adaptor's connect is the channel's only one with a timeout.
                channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            }
            return use.over(channel);
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
    byte[] takeWholeFrame(long maxPayload, long deadline) throws IOException {
        return polled.takeFrame(maxPayload, deadline);
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
    void endInput() {
        inputShutdown = true;
        polled.endInput();
    }

    @Override
    boolean discardsAfterEnd() {
        return true;
    }

    @Override
    boolean discardUntilEnd(long deadline) throws IOException {
        return polled.discardUntilEnd(deadline);
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
        return "tcp";
    }
}
