package io.asyncoro.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * asyncoro's {@code AsyncSocket}: a TCP (optionally TLS) or UDP socket whose calls park the calling
 * coroutine instead of blocking its carrier thread. {@code data = yield sock.recv(1024)} becomes
 * {@code data = sock.recv(1024)}.
 *
 * <p>One reader and one writer may use the socket at once (full duplex). Writers are serialised, so two
 * coroutines calling {@link #sendMsg} never interleave their frames; readers are serialised too.
 * {@link #close()} wakes every coroutine blocked on the socket with a {@link SocketClosedException}.
 *
 * <p>{@link #sendMsg}/{@link #recvMsg} use asyncoro's framing: a 4-byte big-endian unsigned length, then the
 * payload. A header over {@link #maxMessageSize()} is refused before anything is allocated (and the connection,
 * which cannot be resynchronised, is closed), and a payload buffer grows only as bytes arrive, so a peer that
 * lies about a length costs nothing.
 *
 * <p>A {@link #setTimeout timeout} bounds each whole operation (a whole {@code recvMsg} or {@code sendMsg}), not
 * each system call. A read that times out consumes nothing: the bytes it had taken are put back, so the next
 * call sees the same frame from its first byte. A write that times out closes the socket, since the peer
 * may have part of a frame.
 */
public final class AsyncSocket implements Closeable {

    /** The default largest message {@link #recvMsg()} accepts: 1 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1L << 20;

    /** The largest length asyncoro's 4-byte header can state. */
    public static final long MAX_FRAME_LENGTH = 0xFFFF_FFFFL;

    /** The largest payload a Java array can hold, and so the largest this side can receive. */
    public static final long MAX_RECEIVABLE_LENGTH = Integer.MAX_VALUE - 8;

    static final int HEADER_LENGTH = 4;

    // Reads go through a buffer sized to the traffic: it grows fourfold as soon as a read fills it (and at
    // once to a frame's size when a frame does not fit) and halves after two reads in a row use less than half
    // of it. (Halving on one small read made 4 KiB frames, 4100 bytes with the header, flip it between 4 and
    // 8 KiB on every frame: two reads and two new buffers each.) A connection parked in a read holds only this
    // buffer, so an idle one that last saw small messages holds 128 bytes, not a fixed 8 KiB.
    private static final int MIN_READ_SIZE = 128;
    private static final int INITIAL_READ_SIZE = MIN_READ_SIZE;
    private static final int MAX_READ_SIZE = 8192;
    private static final int FIRST_PAYLOAD_CHUNK = 64 * 1024;
    private static final int COALESCE_LIMIT = 16 * 1024;
    private static final long CLOSE_NOTIFY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    // Null for polled sockets, which are used through their channel (a socket adaptor would cost every idle
    // connection two more objects).
    private final Socket socket;
    private final Socket plain;
    private final DatagramSocket datagram;
    private final boolean blocking;
    private final InputStream in;
    private final OutputStream out;
    private final Duration handshakeTimeout;
    // Plain non-blocking TCP: read by a Poller, written directly. Null for TLS, blocking mode and UDP, which use
    // the JDK socket's streams.
    private final PolledChannel polled;
    private final SocketChannel channel;
    // A closed channel no longer reports its addresses; a closed socket still does, and callers log them.
    private final InetSocketAddress channelLocal;
    private final InetSocketAddress channelRemote;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    // Guarded by readLock: bytes read from the stream ahead of what callers have taken.
    private byte[] readBuffer;
    private int readPos;
    private int readLimit;
    private int readSize = INITIAL_READ_SIZE;
    private boolean lastReadSmall;
    private int currentSoTimeout;

    private volatile long timeoutNanos;
    private volatile long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private volatile IoListener listener = IoListener.NONE;
    private volatile boolean handshakeDone;
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean writeTimedOut;
    private volatile long writeTimeoutNanos;
    // Guarded by writeLock: when the current write operation must end (polled sockets; 0 for never).
    private long writeDeadline;

    private AsyncSocket(Socket socket, Socket plain, boolean blocking, Duration handshakeTimeout) throws IOException {
        this.socket = socket;
        this.plain = plain;
        this.datagram = null;
        this.blocking = blocking;
        this.handshakeTimeout = handshakeTimeout;
        this.handshakeDone = !(socket instanceof SSLSocket);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.polled = null;
        this.channel = null;
        this.channelLocal = null;
        this.channelRemote = null;
    }

    private AsyncSocket(SocketChannel channel) throws IOException {
        this.socket = null;
        this.plain = null;
        this.channel = channel;
        this.channelLocal = (InetSocketAddress) channel.getLocalAddress();
        this.channelRemote = (InetSocketAddress) channel.getRemoteAddress();
        this.datagram = null;
        this.blocking = false;
        this.handshakeTimeout = null;
        this.handshakeDone = true;
        this.in = null;
        this.out = null;
        this.polled = new PolledChannel(channel);
    }

    private AsyncSocket(DatagramSocket datagram, boolean blocking) {
        this.socket = null;
        this.plain = null;
        this.datagram = datagram;
        this.blocking = blocking;
        this.handshakeTimeout = null;
        this.handshakeDone = true;
        this.in = null;
        this.out = null;
        this.polled = null;
        this.channel = null;
        this.channelLocal = null;
        this.channelRemote = null;
    }

    // ---------------------------------------------------------------- creating

    /** Wraps a connected TCP socket (plain or already TLS). */
    public static AsyncSocket of(Socket connected) throws IOException {
        return new AsyncSocket(connected, connected, false, TlsServerConfig.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * Wraps a connected TCP socket for use in blocking mode: the same API, meant for platform threads (code that
     * must not run on virtual threads). asyncoro's {@code AsyncSocket(sock, blocking=True)}.
     */
    public static AsyncSocket blocking(Socket connected) throws IOException {
        return new AsyncSocket(connected, connected, true, TlsServerConfig.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** Connects to {@code host:port} over plain TCP. */
    public static AsyncSocket connect(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), Duration.ZERO);
    }

    /** Connects over plain TCP, waiting at most {@code connectTimeout} (zero: the system's limit). */
    public static AsyncSocket connect(InetSocketAddress address, Duration connectTimeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            return new AsyncSocket(channel);
        }
        catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    /** Connects to {@code host:port} over TLS and completes the handshake, verifying the server as {@code tls} says. */
    public static AsyncSocket connectTls(String host, int port, TlsClientConfig tls) throws IOException {
        return connectTls(new InetSocketAddress(host, port), Duration.ZERO, tls);
    }

    /** Connects over TLS and completes the handshake; the address's host string is what the certificate must name. */
    public static AsyncSocket connectTls(InetSocketAddress address, Duration connectTimeout, TlsClientConfig tls)
            throws IOException {
        Socket s = newConnectedSocket(address, connectTimeout);
        try {
            SSLSocket ssl = tls.wrap(s, address.getHostString());
            AsyncSocket result = new AsyncSocket(ssl, s, false, tls.handshakeTimeout());
            result.handshake();
            tls.checkPeerValidity(ssl.getSession());
            return result;
        }
        catch (IOException | RuntimeException ex) {
            s.close();
            throw ex;
        }
    }

    /** A UDP socket bound to {@code local} (port 0 for any), for {@link #sendTo} and {@link #recvFrom}. */
    public static AsyncSocket udp(InetSocketAddress local) throws IOException {
        return new AsyncSocket(new DatagramSocket(local), false);
    }

    static AsyncSocket accepted(Socket plain, TlsServerConfig tls, boolean blocking) throws IOException {
        plain.setTcpNoDelay(true);
        if (tls == null) {
            return new AsyncSocket(plain, plain, blocking, null);
        }
        return new AsyncSocket(tls.wrap(plain), plain, blocking, tls.handshakeTimeout());
    }

    static AsyncSocket accepted(SocketChannel plain) throws IOException {
        plain.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new AsyncSocket(plain);
    }

    private static Socket newConnectedSocket(InetSocketAddress address, Duration connectTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            return s;
        }
        catch (IOException ex) {
            s.close();
            throw ex;
        }
    }

    // ---------------------------------------------------------------- TLS

    /**
     * Completes the TLS handshake if it has not been done, within the handshake timeout. A no-op for plain
     * sockets. Servers call it in the connection's own coroutine, so a stalled handshake costs only that one.
     *
     * @throws SocketTimeoutException when the peer does not finish the handshake in time
     * @throws javax.net.ssl.SSLException when the handshake fails
     */
    public void handshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        SSLSocket ssl = (SSLSocket) socket;
        readLock.lock();
        try {
            if (handshakeDone) {
                return;
            }
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
            ScheduledFuture<?> watchdog = WriteWatchdog.schedule(this::abort, handshakeTimeout.toNanos());
            plain.setSoTimeout(millis);
            try {
                ssl.startHandshake();
            }
            catch (IOException ex) {
                if (writeTimedOut || ex instanceof SocketTimeoutException) {
                    throw timeout("TLS handshake", handshakeTimeout.toNanos(), ex);
                }
                throw closedOr(ex, "TLS handshake");
            }
            finally {
                watchdog.cancel(false);
            }
            plain.setSoTimeout(0);
            currentSoTimeout = 0;
            handshakeDone = true;
        }
        finally {
            readLock.unlock();
        }
    }

    /** Whether this socket speaks TLS. */
    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** The TLS session, once the handshake is done; empty for plain sockets. */
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket ssl && handshakeDone ? Optional.ofNullable(ssl.getSession()) : Optional.empty();
    }

    /** The peer's certificate principal when it presented one over TLS. */
    public Optional<Principal> peerPrincipal() {
        try {
            return tlsSession().map(session -> {
                try {
                    return session.getPeerPrincipal();
                }
                catch (SSLPeerUnverifiedException ex) {
                    return null;
                }
            });
        }
        catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Receives up to {@code maxBytes} bytes: whatever is available, waiting for at least one. Returns an empty
     * array at the end of the stream.
     */
    public byte[] recv(int maxBytes) throws IOException {
        requireStream("recv");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        readLock.lock();
        try {
            if (buffered() == 0 && fill(deadline(), "recv") < 0) {
                return new byte[0];
            }
            // One read into the socket's buffer, then a copy of exactly what arrived: no oversized array per call.
            int n = Math.min(buffered(), maxBytes);
            byte[] data = Arrays.copyOfRange(readBuffer, readPos, readPos + n);
            readPos += n;
            return data;
        }
        finally {
            readLock.unlock();
        }
    }

    /**
     * Receives exactly {@code count} bytes.
     *
     * @throws IncompleteReadException when the stream ends first; it carries the bytes that did arrive
     */
    public byte[] recvAll(int count) throws IOException {
        requireStream("recvAll");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        readLock.lock();
        try {
            long deadline = deadline();
            byte[] dst = new byte[count];
            int filled = 0;
            try {
                while (filled < count) {
                    int n = readSome(dst, filled, count - filled, deadline, "recvAll");
                    if (n < 0) {
                        throw new IncompleteReadException(count, Arrays.copyOf(dst, filled));
                    }
                    filled += n;
                }
            }
            catch (SocketTimeoutException ex) {
                unread(dst, filled, null, 0);
                throw ex;
            }
            return dst;
        }
        finally {
            readLock.unlock();
        }
    }

    /**
     * Receives one message framed as asyncoro's {@code send_msg} frames it.
     *
     * @return the payload (an empty array for a zero-length message), or {@code null} when the stream ended
     *         cleanly on a frame boundary
     * @throws MessageTooLargeException when the header states more than {@link #maxMessageSize()}
     * @throws TruncatedMessageException when the stream ends inside a frame
     */
    public byte[] recvMsg() throws IOException {
        requireStream("recvMsg");
        readLock.lock();
        try {
            long deadline = deadline();
            long length = -1;
            byte[] header = null;
            int got = 0;
            byte[] payload = null;
            int filled = 0;
            try {
                if (buffered() == 0 && fill(deadline, "recvMsg") < 0) {
                    return null;
                }
                if (buffered() >= HEADER_LENGTH) {
                    length = frameLength(readBuffer, readPos);
                    readPos += HEADER_LENGTH;
                }
                else {
                    header = new byte[HEADER_LENGTH];
                    while (got < HEADER_LENGTH) {
                        int n = readSome(header, got, HEADER_LENGTH - got, deadline, "recvMsg");
                        if (n < 0) {
                            throw new TruncatedMessageException(-1, Arrays.copyOf(header, got));
                        }
                        got += n;
                    }
                    length = frameLength(header, 0);
                }
                long limit = Math.min(maxMessageSize, MAX_RECEIVABLE_LENGTH);
                if (length > limit) {
                    // What follows cannot be told apart from the next frame: the connection is beyond repair.
                    close();
                    throw new MessageTooLargeException(length, limit);
                }
                int size = (int) length;
                if (size <= buffered()) {
                    // The whole frame is already here (the common case for small messages): one copy, no loop.
                    payload = Arrays.copyOfRange(readBuffer, readPos, readPos + size);
                    readPos += size;
                    filled = size;
                }
                else {
                    fitFrames(size);
                    // Grow with what arrives instead of trusting the header: a peer that announces a large
                    // frame and sends nothing holds at most one chunk.
                    payload = new byte[Math.min(size, FIRST_PAYLOAD_CHUNK)];
                    while (filled < size) {
                        if (filled == payload.length) {
                            payload = Arrays.copyOf(payload, (int) Math.min(size, (long) payload.length * 2));
                        }
                        int n = readSome(payload, filled, payload.length - filled, deadline, "recvMsg");
                        if (n < 0) {
                            throw new TruncatedMessageException(size, Arrays.copyOf(payload, filled));
                        }
                        filled += n;
                    }
                }
            }
            catch (SocketTimeoutException ex) {
                // A timeout consumes nothing: the next recvMsg starts again at this frame's header.
                if (length >= 0) {
                    header = new byte[HEADER_LENGTH];
                    putHeader(header, (int) length);
                    got = HEADER_LENGTH;
                }
                unread(header, got, payload, filled);
                throw ex;
            }
            listener.messageReceived(payload.length);
            return payload;
        }
        finally {
            readLock.unlock();
        }
    }

    private static long frameLength(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /**
     * Receives one line, ended by {@code \n} (a {@code \r} before it is dropped too), without its ending.
     *
     * @return the line, or {@code null} at a clean end of stream between lines
     * @throws MessageTooLargeException when no line end comes within {@link #maxMessageSize()} bytes
     * @throws TruncatedMessageException when the stream ends inside a line
     */
    public byte[] recvLine() throws IOException {
        requireStream("recvLine");
        readLock.lock();
        try {
            long deadline = deadline();
            long limit = Math.min(maxMessageSize, MAX_RECEIVABLE_LENGTH);
            byte[] line = new byte[64];
            int filled = 0;
            try {
                while (true) {
                    if (readPos == readLimit && fill(deadline, "recvLine") < 0) {
                        if (filled == 0) {
                            return null;
                        }
                        throw new TruncatedMessageException(-1, Arrays.copyOf(line, filled));
                    }
                    int start = readPos;
                    int end = start;
                    while (end < readLimit && readBuffer[end] != '\n') {
                        end++;
                    }
                    int chunk = end - start;
                    if (filled + (long) chunk > limit) {
                        close();
                        throw new MessageTooLargeException(filled + (long) chunk, limit);
                    }
                    if (filled + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(filled + chunk, line.length * 2));
                    }
                    System.arraycopy(readBuffer, start, line, filled, chunk);
                    filled += chunk;
                    if (end < readLimit) {
                        readPos = end + 1;
                        int length = filled > 0 && line[filled - 1] == '\r' ? filled - 1 : filled;
                        listener.messageReceived(length);
                        return Arrays.copyOf(line, length);
                    }
                    readPos = readLimit;
                }
            }
            catch (SocketTimeoutException ex) {
                unread(line, filled, null, 0);
                throw ex;
            }
        }
        finally {
            readLock.unlock();
        }
    }

    /**
     * Puts bytes an operation had taken back in front of the read buffer, so that an operation ended by a
     * timeout leaves the stream as it found it.
     */
    private void unread(byte[] first, int firstLength, byte[] second, int secondLength) {
        int rest = buffered();
        int total = firstLength + secondLength + rest;
        if (firstLength + secondLength == 0) {
            return;
        }
        byte[] merged = new byte[Math.max(total, readSize)];
        if (firstLength > 0) {
            System.arraycopy(first, 0, merged, 0, firstLength);
        }
        if (secondLength > 0) {
            System.arraycopy(second, 0, merged, firstLength, secondLength);
        }
        if (rest > 0) {
            System.arraycopy(readBuffer, readPos, merged, firstLength + secondLength, rest);
        }
        readBuffer = merged;
        readPos = 0;
        readLimit = total;
    }

    private int buffered() {
        return readLimit - readPos;
    }

    /** Reads at least one byte into dst (from the buffer first), or returns -1 at end of stream. */
    private int readSome(byte[] dst, int off, int len, long deadline, String op) throws IOException {
        if (len == 0) {
            return 0;
        }
        int available = buffered();
        if (available == 0) {
            if (polled == null && len >= readSize) {
                // Large reads go straight into the caller's array: no copy through the buffer. (A polled socket's
                // bytes are in a chunk already, which fill() adopts as the buffer.)
                return readStream(dst, off, len, deadline, op);
            }
            if (fill(deadline, op) < 0) {
                return -1;
            }
            available = buffered();
        }
        int n = Math.min(available, len);
        System.arraycopy(readBuffer, readPos, dst, off, n);
        readPos += n;
        return n;
    }

    /** Reads what is available (waiting for at least one byte) into the empty buffer; -1 at end of stream. */
    private int fill(long deadline, String op) throws IOException {
        if (polled != null) {
            // The chunk the poller read becomes the buffer: no copy, and the spent one is let go first, so a
            // connection waiting for its next message holds no buffer at all.
            readBuffer = null;
            byte[] chunk = takeChunk(deadline, op);
            if (chunk == null) {
                readPos = 0;
                readLimit = 0;
                return -1;
            }
            readBuffer = chunk;
            readPos = 0;
            readLimit = chunk.length;
            return chunk.length;
        }
        byte[] buffer = readBuffer;
        if (buffer == null || buffer.length != readSize) {
            buffer = new byte[readSize];
            readBuffer = buffer;
        }
        readPos = 0;
        readLimit = 0;
        int n = readStream(buffer, 0, buffer.length, deadline, op);
        if (n > 0) {
            readLimit = n;
            if (n == buffer.length) {
                readSize = Math.min(MAX_READ_SIZE, buffer.length * 4);
                lastReadSmall = false;
            }
            else if (n < buffer.length / 2) {
                if (lastReadSmall) {
                    readSize = Math.max(MIN_READ_SIZE, buffer.length / 2);
                }
                lastReadSmall = !lastReadSmall;
            }
            else {
                lastReadSmall = false;
            }
        }
        return n;
    }

    /**
     * Sizes the next reads for frames like one of {@code payloadLength} bytes that did not fit, so the next such
     * frame arrives in one read instead of after several rounds of growth.
     */
    private void fitFrames(int payloadLength) {
        int frame = (int) Math.min(MAX_READ_SIZE, (long) payloadLength + HEADER_LENGTH);
        if (frame > readSize) {
            readSize = Math.min(MAX_READ_SIZE, Integer.highestOneBit(frame - 1) << 1);
            lastReadSmall = false;
        }
    }

    private int readStream(byte[] dst, int off, int len, long deadline, String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        if (inputShutdown) {
            return -1;
        }
        applyReadTimeout(deadline, op);
        int n;
        try {
            n = in.read(dst, off, len);
        }
        catch (SocketTimeoutException ex) {
            throw timeout(op, timeoutNanos, ex);
        }
        catch (IOException ex) {
            if (inputShutdown && !closed) {
                return -1;
            }
            throw closedOr(ex, op);
        }
        if (n > 0) {
            listener.bytesReceived(n);
        }
        else if (n < 0 && closed && !inputShutdown) {
            // Our own close() ended the read (a TLS socket closed under a reader may report end of stream):
            // that is not the peer's clean end, and a reader woken by close() gets an exception.
            throw new SocketClosedException(op);
        }
        return n;
    }

    /** The poller-read side of a plain non-blocking socket; {@code null} for the others (for tests). */
    PolledChannel polledChannel() {
        return polled;
    }

    /** The next chunk the poller read, or {@code null} at the end of the stream (polled sockets). */
    private byte[] takeChunk(long deadline, String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        if (inputShutdown) {
            return null;
        }
        byte[] chunk;
        try {
            chunk = polled.take(deadline);
        }
        catch (SocketTimeoutException ex) {
            throw timeout(op, timeoutNanos, null);
        }
        catch (ClosedByInterruptException ex) {
            close();
            throw ex;
        }
        catch (IOException ex) {
            if (inputShutdown && !closed) {
                return null;
            }
            throw closedOr(ex, op);
        }
        if (chunk == null) {
            if (closed && !inputShutdown) {
                throw new SocketClosedException(op);
            }
            return null;
        }
        listener.bytesReceived(chunk.length);
        return chunk;
    }

    private void applyReadTimeout(long deadline, String op) throws IOException {
        int millis = 0;
        if (deadline != 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(op, timeoutNanos, null);
            }
            millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
        if (millis != currentSoTimeout) {
            plain.setSoTimeout(millis);
            currentSoTimeout = millis;
        }
    }

    private long deadline() {
        long timeout = timeoutNanos;
        return timeout == 0 ? 0 : System.nanoTime() + timeout;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Sends {@code data} and returns how many bytes went out. Unlike a non-blocking socket's {@code send},
     * the coroutine parks until all of it is written, so this is always {@code data.length}.
     */
    public int send(byte[] data) throws IOException {
        sendAll(data);
        return data.length;
    }

    /** Sends all of {@code data}. */
    public void sendAll(byte[] data) throws IOException {
        sendAll(data, 0, data.length);
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}. */
    public void sendAll(byte[] data, int offset, int length) throws IOException {
        requireStream("sendAll");
        Objects.checkFromIndexSize(offset, length, data.length);
        writeLock.lock();
        try {
            ScheduledFuture<?> watchdog = armWriteTimeout("sendAll");
            try {
                write(data, offset, length, "sendAll");
            }
            finally {
                disarm(watchdog);
            }
        }
        finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends {@code payload} as one asyncoro frame: its length as 4 bytes big-endian, then the bytes. Frames
     * from concurrent callers never interleave. The timeout covers the whole frame.
     */
    public void sendMsg(byte[] payload) throws IOException {
        requireStream("sendMsg");
        int length = payload.length;
        writeLock.lock();
        try {
            ScheduledFuture<?> watchdog = armWriteTimeout("sendMsg");
            try {
                if (length <= COALESCE_LIMIT) {
                    // One write, so a small message is one segment (and one TLS record), not two.
                    byte[] frame = new byte[HEADER_LENGTH + length];
                    putHeader(frame, length);
                    System.arraycopy(payload, 0, frame, HEADER_LENGTH, length);
                    write(frame, 0, frame.length, "sendMsg");
                }
                else {
                    byte[] header = new byte[HEADER_LENGTH];
                    putHeader(header, length);
                    write(header, 0, HEADER_LENGTH, "sendMsg");
                    write(payload, 0, length, "sendMsg");
                }
            }
            finally {
                disarm(watchdog);
            }
        }
        finally {
            writeLock.unlock();
        }
        listener.messageSent(length);
    }

    /** Sends {@code line} followed by {@code \n} (line framing). */
    public void sendLine(byte[] line) throws IOException {
        requireStream("sendLine");
        byte[] framed = Arrays.copyOf(line, line.length + 1);
        framed[line.length] = '\n';
        writeLock.lock();
        try {
            ScheduledFuture<?> watchdog = armWriteTimeout("sendLine");
            try {
                write(framed, 0, framed.length, "sendLine");
            }
            finally {
                disarm(watchdog);
            }
        }
        finally {
            writeLock.unlock();
        }
        listener.messageSent(line.length);
    }

    private static void putHeader(byte[] target, int length) {
        target[0] = (byte) (length >>> 24);
        target[1] = (byte) (length >>> 16);
        target[2] = (byte) (length >>> 8);
        target[3] = (byte) length;
    }

    /**
     * Starts the clock on a write operation. A JDK socket has no write timeout, so a write still running at
     * the deadline is ended by closing the socket (after a partial write the stream is unusable anyway).
     */
    private ScheduledFuture<?> armWriteTimeout(String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        long timeout = timeoutNanos;
        if (polled != null) {
            // A polled write parks with its own deadline: no timer needed.
            writeTimeoutNanos = timeout;
            writeDeadline = timeout == 0 ? 0 : System.nanoTime() + timeout;
            return null;
        }
        if (timeout == 0) {
            return null;
        }
        writeTimeoutNanos = timeout;
        return WriteWatchdog.schedule(this::abortWrite, timeout);
    }

    private static void disarm(ScheduledFuture<?> watchdog) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    /** Writes with writeLock held and the operation's watchdog armed. */
    private void write(byte[] data, int offset, int length, String op) throws IOException {
        if (writeTimedOut) {
            throw timeout(op, writeTimeoutNanos, null);
        }
        if (closed) {
            throw new SocketClosedException(op);
        }
        try {
            if (polled != null) {
                polled.write(data, offset, length, writeDeadline);
            }
            else {
                out.write(data, offset, length);
            }
        }
        catch (SocketTimeoutException ex) {
            if (polled == null) {
                throw ex;
            }
            // Part of a frame may have gone: the stream cannot be used again.
            abortWrite();
            throw timeout(op, writeTimeoutNanos, null);
        }
        catch (ClosedByInterruptException ex) {
            close();
            throw ex;
        }
        catch (IOException ex) {
            if (writeTimedOut) {
                throw timeout(op, writeTimeoutNanos, ex);
            }
            throw closedOr(ex, op);
        }
        listener.bytesSent(length);
    }

    // ---------------------------------------------------------------- UDP

    /** Sends one datagram to {@code target} (UDP sockets only); returns the bytes sent. */
    public int sendTo(byte[] data, SocketAddress target) throws IOException {
        requireDatagram("sendTo");
        try {
            datagram.send(new DatagramPacket(data, data.length, target));
        }
        catch (IOException ex) {
            throw closedOr(ex, "sendTo");
        }
        listener.bytesSent(data.length);
        listener.messageSent(data.length);
        return data.length;
    }

    /** Receives one datagram of at most {@code maxSize} bytes (the rest of a longer one is dropped, as UDP does). */
    public Datagram recvFrom(int maxSize) throws IOException {
        requireDatagram("recvFrom");
        DatagramPacket packet = new DatagramPacket(new byte[maxSize], maxSize);
        readLock.lock();
        try {
            long timeout = timeoutNanos;
            datagram.setSoTimeout(timeout == 0 ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout)));
            datagram.receive(packet);
        }
        catch (SocketTimeoutException ex) {
            throw timeout("recvFrom", timeoutNanos, ex);
        }
        catch (IOException ex) {
            throw closedOr(ex, "recvFrom");
        }
        finally {
            readLock.unlock();
        }
        byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
        listener.bytesReceived(data.length);
        listener.messageReceived(data.length);
        return new Datagram(data, (InetSocketAddress) packet.getSocketAddress());
    }

    // ---------------------------------------------------------------- settings and state

    /**
     * Sets the time each receive or send may take (asyncoro's {@code settimeout}); zero or {@code null} for
     * none. A whole {@link #recvMsg()} counts as one operation, so a peer trickling a frame a byte at a time
     * cannot hold it past the timeout. A timed-out read throws {@link SocketTimeoutException} and leaves the
     * stream as it was; a timed-out write throws it and closes the socket.
     */
    public void setTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        this.timeoutNanos = timeout == null ? 0 : timeout.toNanos();
    }

    /** The timeout set with {@link #setTimeout}; {@link Duration#ZERO} for none. */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** The largest message {@link #recvMsg()} and {@link #recvLine()} accept. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sets the largest message accepted: up to {@link #MAX_FRAME_LENGTH}, the most a header can state. A frame
     * longer than {@link #MAX_RECEIVABLE_LENGTH} (the most a Java array holds) is refused whatever the setting.
     */
    public void setMaxMessageSize(long bytes) {
        if (bytes < 0 || bytes > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("max message size must be between 0 and " + MAX_FRAME_LENGTH + ": " + bytes);
        }
        this.maxMessageSize = bytes;
    }

    /** Sets who is told of this socket's I/O ({@code null} for nobody). */
    public void setListener(IoListener ioListener) {
        this.listener = ioListener == null ? IoListener.NONE : ioListener;
    }

    /** Whether this socket was made for blocking mode (platform threads). The API is the same either way. */
    public boolean isBlocking() {
        return blocking;
    }

    /** Whether this is a UDP socket. */
    public boolean isDatagram() {
        return datagram != null;
    }

    /** The local address. */
    public InetSocketAddress localAddress() {
        if (channel != null) {
            return channelLocal;
        }
        return (InetSocketAddress) (datagram != null ? datagram.getLocalSocketAddress() : socket.getLocalSocketAddress());
    }

    /** The peer's address; {@code null} for an unconnected UDP socket. */
    public InetSocketAddress remoteAddress() {
        if (channel != null) {
            return channelRemote;
        }
        return (InetSocketAddress) (datagram != null ? datagram.getRemoteSocketAddress() : socket.getRemoteSocketAddress());
    }

    /** Whether {@link #close()} has been called (or a timeout closed it). */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- closing

    /**
     * Half-closes the sending side: the peer reads end of stream after what was sent. Over TLS this sends
     * {@code close_notify}.
     */
    public void shutdownOutput() throws IOException {
        requireStream("shutdownOutput");
        writeLock.lock();
        try {
            if (channel != null) {
                channel.shutdownOutput();
            }
            else {
                socket.shutdownOutput();
            }
        }
        catch (IOException ex) {
            throw closedOr(ex, "shutdownOutput");
        }
        finally {
            writeLock.unlock();
        }
    }

    /**
     * Half-closes the receiving side: a reader waiting for the next message wakes with end of stream, while
     * replies can still be sent. Servers use it to drain connections on a graceful stop.
     */
    public void shutdownInput() throws IOException {
        requireStream("shutdownInput");
        inputShutdown = true;
        if (channel != null) {
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
        else if (!plain.isInputShutdown() && !plain.isClosed()) {
            plain.shutdownInput();
        }
    }

    /**
     * Closes the socket and wakes every coroutine blocked on it with {@link SocketClosedException}. Over TLS a
     * {@code close_notify} is sent when no write is in progress. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (datagram != null) {
            datagram.close();
            return;
        }
        if (polled != null) {
            polled.closed();
        }
        if (socket != plain && handshakeDone && writeLock.tryLock()) {
            // close_notify is polite, but a peer that does not read must not hold close() up.
            ScheduledFuture<?> watchdog = WriteWatchdog.schedule(this::closePlain, CLOSE_NOTIFY_TIMEOUT_NANOS);
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // the plain socket is closed below either way
            }
            finally {
                watchdog.cancel(false);
                writeLock.unlock();
            }
        }
        if (inputShutdown && lingerAfterInputShutdown()) {
            return;
        }
        closePlain();
    }

    /**
     * Closing with the peer's bytes unread makes the kernel reset the connection and drop what is still in our
     * send queue: the last replies of a drained connection would be lost. So after {@link #shutdownInput()} the
     * descriptor is closed {@code CLOSE_LINGER_NANOS} later, off the caller's thread, which gives the peer time
     * to take what was queued. No FIN is sent first on purpose: Linux answers data that arrives after FIN on a
     * socket whose input is shut down with a reset, at once, and a peer that is still sending would lose the
     * tail of its replies that way. (Java cannot read after shutdownInput, so the unread input cannot be drained:
     * a fixed linger is the best a blocking socket can do here.)
     */
    private boolean lingerAfterInputShutdown() {
        if (channel != null ? channel.isOpen() : !plain.isClosed()) {
            WriteWatchdog.schedule(this::closePlain, CLOSE_LINGER_NANOS);
        }
        return true;
    }

    /** Ends a write or handshake that overran its deadline: the connection cannot be used after a partial write. */
    private void abort() {
        writeTimedOut = true;
        closed = true;
        if (polled != null) {
            polled.closed();
        }
        closePlain();
    }

    /** {@link #abort()} for a write: the bytes still queued for the peer are dropped (see {@link #resetOnClose()}). */
    private void abortWrite() {
        resetOnClose();
        abort();
    }

    /**
     * A write that timed out left the peer with a torn frame and our send queue full of bytes it is not taking:
     * close with a reset, so the kernel drops them at once instead of trickling them to a peer that barely reads
     * before it may send the FIN.
     */
    private void resetOnClose() {
        try {
            if (channel != null) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            else {
                plain.setSoLinger(true, 0);
            }
        }
        catch (IOException ignored) {
            // already closed: nothing left to drop
        }
    }

    private void closePlain() {
        try {
            if (channel != null) {
                channel.close();
            }
            else {
                plain.close();
            }
        }
        catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
        if (polled != null) {
            polled.released();
        }
    }

    private IOException closedOr(IOException ex, String op) {
        if (closed && !(ex instanceof SocketClosedException)) {
            SocketClosedException closedEx = new SocketClosedException(op);
            closedEx.initCause(ex);
            return closedEx;
        }
        return ex;
    }

    private static SocketTimeoutException timeout(String op, long timeoutNanos, IOException cause) {
        SocketTimeoutException ex = new SocketTimeoutException(
                op + " timed out after " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }

    private void requireStream(String op) throws IOException {
        if (datagram != null) {
            throw new UnsupportedOperationException(op + " needs a TCP socket; this one is UDP (use sendTo/recvFrom)");
        }
        if (!handshakeDone) {
            handshake();
        }
    }

    private void requireDatagram(String op) {
        if (datagram == null) {
            throw new UnsupportedOperationException(op + " needs a UDP socket; this one is TCP");
        }
    }

    @Override
    public String toString() {
        if (datagram != null) {
            return "AsyncSocket[udp " + localAddress() + "]";
        }
        return "AsyncSocket[" + (isTls() ? "tls " : "tcp ") + localAddress() + " -> " + remoteAddress()
                + (closed ? ", closed" : "") + "]";
    }
}
