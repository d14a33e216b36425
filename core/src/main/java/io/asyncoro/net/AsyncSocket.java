package io.asyncoro.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.security.Principal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

import io.asyncoro.net.codec.FrameDecoder;

/**
 * asyncoro's {@code AsyncSocket}: a TCP (optionally TLS), Unix domain or UDP socket whose calls park the calling
 * coroutine instead of blocking its carrier thread. {@code data = yield sock.recv(1024)} becomes
 * {@code data = sock.recv(1024)}.
 *
 * <p>Stream sockets made here (plain TCP, TLS, Unix domain) are registered once with a shared selector poller,
 * which reads them for their coroutines (see {@code Poller}). Sockets wrapped with {@link #of} or
 * {@link #blocking} use the JDK socket's own streams.
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

    // This class checks arguments and hands calls on; TransportKinds picks the transport. Each kind of connection
    // is its own Transport, and stream kinds share their framing through StreamTransport and ReadBuffer.
    private final Transport transport;
    private final SocketSettings settings;
    private final boolean blocking;
    // The client a PROXY protocol header named (see ProxyProtocolHandshake); null for a direct connection.
    private volatile InetSocketAddress proxiedRemote;

    private AsyncSocket(Transport transport, boolean blocking) {
        this.transport = transport;
        this.settings = transport.settings();
        this.blocking = blocking;
    }

    // ---------------------------------------------------------------- creating

    /** Wraps a connected TCP socket (plain or already TLS). */
    public static AsyncSocket of(Socket connected) throws IOException {
        return new AsyncSocket(TransportKinds.overStreams(connected), false);
    }

    /**
     * Wraps a connected TCP socket for use in blocking mode: the same API, meant for platform threads (code that
     * must not run on virtual threads). asyncoro's {@code AsyncSocket(sock, blocking=True)}.
     */
    public static AsyncSocket blocking(Socket connected) throws IOException {
        return new AsyncSocket(TransportKinds.overStreams(connected), true);
    }

    /** Connects to {@code host:port} over plain TCP. */
    public static AsyncSocket connect(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), Duration.ZERO);
    }

    /** Connects over plain TCP, waiting at most {@code connectTimeout} (zero: the system's limit). */
    public static AsyncSocket connect(InetSocketAddress address, Duration connectTimeout) throws IOException {
        return new AsyncSocket(PolledTransport.connect(address, connectTimeout, new SocketSettings()), false);
    }

    /**
     * Connects to a Unix domain socket: a local stream, read by the poller like plain TCP, with the same framing.
     * {@link #localAddress()} and {@link #remoteAddress()} are {@code null} for it; see
     * {@link #localSocketAddress()} and {@link #remoteSocketAddress()}.
     */
    public static AsyncSocket connect(UnixDomainSocketAddress address) throws IOException {
        return new AsyncSocket(UnixDomainTransport.connect(address, new SocketSettings()), false);
    }

    /** Connects to {@code host:port} over TLS and completes the handshake, verifying the server as {@code tls} says. */
    public static AsyncSocket connectTls(String host, int port, TlsClientConfig tls) throws IOException {
        return connectTls(new InetSocketAddress(host, port), Duration.ZERO, tls);
    }

    /** Connects over TLS and completes the handshake; the address's host string is what the certificate must name. */
    public static AsyncSocket connectTls(InetSocketAddress address, Duration connectTimeout, TlsClientConfig tls)
            throws IOException {
        return new AsyncSocket(TransportKinds.tlsClient(address, connectTimeout, tls), false);
    }

    /** A UDP socket bound to {@code local} (port 0 for any), for {@link #sendTo} and {@link #recvFrom}. */
    public static AsyncSocket udp(InetSocketAddress local) throws IOException {
        return new AsyncSocket(TransportKinds.udp(local), false);
    }

    static AsyncSocket accepted(Socket plain, TlsServerConfig tls, boolean blocking) throws IOException {
        return new AsyncSocket(TransportKinds.accepted(plain, tls), blocking);
    }

    /** A socket for a channel a server accepted, over TLS when {@code tls} is not {@code null}. */
    static AsyncSocket accepted(SocketChannel plain, TlsServerConfig tls) throws IOException {
        return new AsyncSocket(TransportKinds.accepted(plain, tls), false);
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
        transport.handshake();
    }

    /** Whether this socket speaks TLS. */
    public boolean isTls() {
        return transport.isTls();
    }

    /** The TLS session, once the handshake is done; empty for plain sockets. */
    public Optional<SSLSession> tlsSession() {
        return transport.tlsSession();
    }

    /** The peer's certificate principal when it presented one over TLS. */
    public Optional<Principal> peerPrincipal() {
        return transport.tlsSession().flatMap(JdkSocketTransport::peerPrincipal);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Receives up to {@code maxBytes} bytes: whatever is available, waiting for at least one. Returns an empty
     * array at the end of the stream.
     */
    public byte[] recv(int maxBytes) throws IOException {
        return TransportKinds.stream(transport, "recv").recv(maxBytes);
    }

    /**
     * Receives exactly {@code count} bytes.
     *
     * @throws IncompleteReadException when the stream ends first; it carries the bytes that did arrive
     */
    public byte[] recvAll(int count) throws IOException {
        return TransportKinds.stream(transport, "recvAll").recvAll(count);
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
        return TransportKinds.stream(transport, "recvMsg").recvMsg();
    }

    /**
     * Receives one line, ended by {@code \n} (a {@code \r} before it is dropped too), without its ending.
     *
     * @return the line, or {@code null} at a clean end of stream between lines
     * @throws MessageTooLargeException when no line end comes within {@link #maxMessageSize()} bytes
     * @throws TruncatedMessageException when the stream ends inside a line
     */
    public byte[] recvLine() throws IOException {
        return TransportKinds.stream(transport, "recvLine").recvLine();
    }

    /**
     * Receives one frame cut by {@code decoder}, a codec's decoder for this connection
     * ({@link io.asyncoro.net.codec.Codec#newDecoder()}), straight from the socket's read buffer.
     *
     * @return the payload, or {@code null} at a clean end of stream between frames
     * @throws io.asyncoro.net.codec.FramingException when the bytes break the framing: close the connection
     */
    public byte[] recvFrame(FrameDecoder decoder) throws IOException {
        return FrameDecoding.recv(TransportKinds.stream(transport, "recvFrame"), decoder);
    }

    /** The poller-read side of a plain non-blocking socket; {@code null} for the others (for tests). */
    PolledChannel polledChannel() {
        return transport instanceof PolledTransport polled ? polled.polledChannel() : null;
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
        StreamTransport stream = TransportKinds.stream(transport, "sendAll");
        Objects.checkFromIndexSize(offset, length, data.length);
        stream.sendAll(data, offset, length);
    }

    /**
     * Sends {@code payload} as one asyncoro frame: its length as 4 bytes big-endian, then the bytes. Frames
     * from concurrent callers never interleave. The timeout covers the whole frame.
     */
    public void sendMsg(byte[] payload) throws IOException {
        TransportKinds.stream(transport, "sendMsg").sendMsg(payload);
    }

    /** Sends {@code line} followed by {@code \n} (line framing). */
    public void sendLine(byte[] line) throws IOException {
        TransportKinds.stream(transport, "sendLine").sendLine(line);
    }

    // ---------------------------------------------------------------- UDP

    /** Sends one datagram to {@code target} (UDP sockets only); returns the bytes sent. */
    public int sendTo(byte[] data, SocketAddress target) throws IOException {
        return TransportKinds.datagram(transport, "sendTo").sendTo(data, target);
    }

    /** Receives one datagram of at most {@code maxSize} bytes (the rest of a longer one is dropped, as UDP does). */
    public Datagram recvFrom(int maxSize) throws IOException {
        return TransportKinds.datagram(transport, "recvFrom").recvFrom(maxSize);
    }

    // ---------------------------------------------------------------- settings and state

    /**
     * Sets the time each receive or send may take (asyncoro's {@code settimeout}); zero or {@code null} for
     * none. A whole {@link #recvMsg()} counts as one operation, so a peer trickling a frame a byte at a time
     * cannot hold it past the timeout. A timed-out read throws {@link SocketTimeoutException} and leaves the
     * stream as it was; a timed-out write throws it and closes the socket.
     */
    public void setTimeout(Duration timeout) {
        long nanos = SocketSettings.nanos(timeout);
        settings.timeoutNanos = nanos;
        settings.writeTimeoutNanos = nanos;
    }

    /**
     * Sets the time each receive may take, leaving the send timeout alone; zero or {@code null} for none. As
     * with {@link #setTimeout}, a whole message is one operation: a peer trickling a byte at a time cannot
     * stretch a read past it.
     */
    public void setReadTimeout(Duration timeout) {
        settings.timeoutNanos = SocketSettings.nanos(timeout);
    }

    /** Sets the time each send may take, leaving the receive timeout alone; zero or {@code null} for none. */
    public void setWriteTimeout(Duration timeout) {
        settings.writeTimeoutNanos = SocketSettings.nanos(timeout);
    }

    /** The receive timeout ({@link #setTimeout} or {@link #setReadTimeout}); {@link Duration#ZERO} for none. */
    public Duration timeout() {
        return Duration.ofNanos(settings.timeoutNanos);
    }

    /** The send timeout ({@link #setTimeout} or {@link #setWriteTimeout}); {@link Duration#ZERO} for none. */
    public Duration writeTimeout() {
        return Duration.ofNanos(settings.writeTimeoutNanos);
    }

    /** The largest message {@link #recvMsg()} and {@link #recvLine()} accept. */
    public long maxMessageSize() {
        return settings.maxMessageSize;
    }

    /**
     * Sets the largest message accepted: up to {@link #MAX_FRAME_LENGTH}, the most a header can state. A frame
     * longer than {@link #MAX_RECEIVABLE_LENGTH} (the most a Java array holds) is refused whatever the setting.
     */
    public void setMaxMessageSize(long bytes) {
        settings.maxMessageSize = SocketSettings.checkedMaxMessageSize(bytes);
    }

    /** Sets who is told of this socket's I/O ({@code null} for nobody). */
    public void setListener(IoListener ioListener) {
        settings.listener = ioListener == null ? IoListener.NONE : ioListener;
    }

    /** Whether this socket was made for blocking mode (platform threads). The API is the same either way. */
    public boolean isBlocking() {
        return blocking;
    }

    /** Whether this is a UDP socket. */
    public boolean isDatagram() {
        return transport instanceof UdpTransport;
    }

    /** The local IP address and port; {@code null} for a Unix domain socket (see {@link #localSocketAddress()}). */
    public InetSocketAddress localAddress() {
        return transport.localAddress() instanceof InetSocketAddress inet ? inet : null;
    }

    /**
     * The peer's IP address and port; {@code null} for an unconnected UDP socket and for a Unix domain socket (see
     * {@link #remoteSocketAddress()}). Behind a proxy, once {@link ProxyProtocolHandshake} has read a header that
     * names a client, the client's address.
     */
    public InetSocketAddress remoteAddress() {
        InetSocketAddress proxied = proxiedRemote;
        return proxied != null ? proxied : connectionRemoteAddress();
    }

    /** The address of the TCP peer itself (the proxy, behind one), whatever a PROXY header said. */
    public InetSocketAddress connectionRemoteAddress() {
        return transport.remoteAddress() instanceof InetSocketAddress inet ? inet : null;
    }

    /** The local address of any kind: an {@link InetSocketAddress}, or a {@link UnixDomainSocketAddress}. */
    public SocketAddress localSocketAddress() {
        return transport.localAddress();
    }

    /** The peer's address of any kind; {@code null} for an unconnected UDP socket. */
    public SocketAddress remoteSocketAddress() {
        return transport.remoteAddress();
    }

    void proxiedRemote(InetSocketAddress client) {
        proxiedRemote = client;
    }

    Transport transport() {
        return transport;
    }

    /** Whether {@link #close()} has been called (or a timeout closed it). */
    public boolean isClosed() {
        return transport.isClosed();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Half-closes the sending side: the peer reads end of stream after what was sent. Over TLS this sends
     * {@code close_notify}.
     */
    public void shutdownOutput() throws IOException {
        TransportKinds.stream(transport, "shutdownOutput").shutdownOutput();
    }

    /**
     * Half-closes the receiving side: a reader waiting for the next message wakes with end of stream, while
     * replies can still be sent. Servers use it to drain connections on a graceful stop.
     */
    public void shutdownInput() throws IOException {
        TransportKinds.stream(transport, "shutdownInput").shutdownInput();
    }

    /**
     * Closes the socket and wakes every coroutine blocked on it with {@link SocketClosedException}. Over TLS a
     * {@code close_notify} is sent when no write is in progress. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return TransportKinds.describe(transport);
    }
}
