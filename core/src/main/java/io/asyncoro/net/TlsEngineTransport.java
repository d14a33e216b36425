package io.asyncoro.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

import io.asyncoro.net.proxy.ProxyHeader;
import io.asyncoro.net.proxy.ProxyProtocolDecoder;
import io.asyncoro.net.proxy.ProxyProtocolException;

/**
 * TLS over a polled channel: the poller reads ciphertext like any plain connection's bytes, and an {@link SSLEngine}
 * turns it into plaintext in the reading coroutine, so a TLS connection parks like a plain one instead of holding a
 * JDK socket's blocked read.
 *
 * <p>This class is the connection's TLS policy: the handshake and its deadline, the PROXY protocol header before it,
 * renegotiation (TLS 1.2), which is refused (the connection is dropped), and close_notify. Records are wrapped and
 * unwrapped, and the engine taken through the handshake's steps, by {@link TlsRecordTransport}.
 */
final class TlsEngineTransport extends TlsRecordTransport {

    private static final long CLOSE_NOTIFY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Duration handshakeTimeout;
    private volatile boolean handshakeDone;
    // Set when the peer tried to renegotiate: the engine is mid-handshake then, and must not be used again.
    private volatile boolean refused;
    // The JDK's engine wraps several buffers into one record; Netty's OpenSSL engine takes one buffer per wrap, so
    // a frame's header and payload handed over apart would become two records (and two writes) there.
    private final boolean gathers;
    // Whose engine this is: an OpenSSL one's native state is freed on close. Told by the configuration rather than
    // found by a type test, so that no Netty class is touched where Netty is absent.
    private final TlsProvider provider;

    private TlsEngineTransport(SocketChannel channel, SSLEngine engine, TlsProvider provider, Duration handshakeTimeout,
            SocketSettings settings) throws IOException {
        super(channel, engine, settings);
        this.handshakeTimeout = handshakeTimeout;
        this.gathers = engine.getClass().getName().startsWith("sun.security.ssl.");
        this.provider = provider;
    }

    /** Connects and sets up TLS for the address's host string; the handshake is left to the first use. */
    static TlsEngineTransport connect(InetSocketAddress address, Duration connectTimeout, TlsClientConfig tls,
            SocketSettings settings) throws IOException {
        return overNewChannel(address, connectTimeout, channel -> over(channel,
                tls.newEngine(address.getHostString(), address.getPort()), tls.provider(), tls.handshakeTimeout(),
                settings));
    }

    /** Sets up TLS on a channel a server accepted; the handshake is left to the first use. */
    static TlsEngineTransport accepted(SocketChannel channel, TlsServerConfig tls, SocketSettings settings)
            throws IOException {
        return over(channel, tls.newEngine(), tls.provider(), tls.handshakeTimeout(), settings);
    }

    /**
     * The transport over {@code channel} with {@code engine}. If it cannot be set up (the channel closed meanwhile,
     * say), an OpenSSL engine's native state is freed here: no transport owns it to free it on close.
     */
    static TlsEngineTransport over(SocketChannel channel, SSLEngine engine, TlsProvider provider,
            Duration handshakeTimeout, SocketSettings settings) throws IOException {
        try {
            return new TlsEngineTransport(channel, engine, provider, handshakeTimeout, settings);
        }
        catch (IOException | RuntimeException | Error ex) {
            OpenSslSupport.release(provider, engine);
            throw ex;
        }
    }

    // ---------------------------------------------------------------- handshake

    @Override
    public void handshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        readLock.lock();
        try {
            writeLock.lock();
            try {
                if (!handshakeDone) {
                    runHandshake();
                    handshakeDone = true;
                }
            }
            finally {
                writeLock.unlock();
            }
        }
        finally {
            readLock.unlock();
        }
    }

    private void runHandshake() throws IOException {
        if (closed) {
            throw new SocketClosedException("TLS handshake");
        }
        // One deadline for the whole handshake, so a peer that trickles it cannot stretch it.
        long deadline = System.nanoTime() + handshakeTimeout.toNanos();
        try {
            engine.beginHandshake();
            stepHandshake(deadline);
        }
        catch (SocketTimeoutException ex) {
            abort();
            throw SocketSettings.timeout("TLS handshake", handshakeTimeout.toNanos(), ex);
        }
        catch (ClosedByInterruptException ex) {
            close();
            throw ex;
        }
        catch (SSLException ex) {
            sendAlert();
            throw closedOr(ex, "TLS handshake");
        }
        catch (IOException ex) {
            throw closedOr(ex, "TLS handshake");
        }
    }

    /** Sends the alert a failed engine has ready, so the peer learns why; a peer that does not read loses it. */
    private void sendAlert() {
        try {
            wrapAndSend(NOTHING, System.nanoTime() + CLOSE_NOTIFY_TIMEOUT_NANOS);
        }
        catch (IOException | RuntimeException ignored) {
            // failing anyway: the handshake's own error is the one reported
        }
    }

    @Override
    public boolean isTls() {
        return true;
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return handshakeDone ? Optional.of(engine.getSession()) : Optional.empty();
    }

    @Override
    public String kind() {
        return "tls";
    }

    // ---------------------------------------------------------------- reading

    @Override
    public boolean readsAhead() {
        // The poller's chunks are ciphertext: the read buffer reads plaintext through readStream.
        return false;
    }

    @Override
    int readStream(byte[] dst, int offset, int length, long deadline) throws IOException {
        if (refused) {
            throw refusal();
        }
        return readPlaintext(dst, offset, length, deadline);
    }

    /**
     * Reads the PROXY protocol header a proxy put in front of the client's TLS bytes, before the handshake: the
     * ciphertext that follows it stays in {@code netIn}, where the handshake's first unwrap finds it.
     *
     * @throws java.io.EOFException if the stream ends before the header's first byte
     * @throws ProxyProtocolException if the bytes are not a header or the stream ends inside one
     * @throws java.net.SocketTimeoutException if the header is not whole within {@code timeout}
     */
    ProxyHeader readProxyHeader(Duration timeout) throws IOException {
        if (handshakeDone) {
            throw new IllegalStateException("the PROXY protocol header comes before the TLS handshake");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        readLock.lock();
        try {
            while (true) {
                if (netIn != null) {
                    // The decoder refuses a header past its fixed maximum, so netIn never grows beyond one chunk more.
                    ProxyHeader header = ProxyProtocolDecoder.decode(netIn);
                    if (header != null) {
                        if (!netIn.hasRemaining()) {
                            netIn = null;
                        }
                        return header;
                    }
                }
                byte[] chunk;
                try {
                    chunk = polled.take(deadline);
                }
                catch (SocketTimeoutException ex) {
                    throw SocketSettings.timeout("PROXY protocol header", timeout.toNanos(), ex);
                }
                if (chunk == null) {
                    if (netIn == null) {
                        throw new java.io.EOFException("the connection closed before its PROXY protocol header");
                    }
                    throw new ProxyProtocolException("the stream ended inside a PROXY protocol header");
                }
                append(chunk);
            }
        }
        finally {
            readLock.unlock();
        }
    }

    /**
     * The error for every use after a renegotiation was refused. The connection is left for its owner to close,
     * as after any error: closed here, the refusal would reach the reader as a plain {@link SocketClosedException}.
     */
    private static SSLHandshakeException refusal() {
        return new SSLHandshakeException("TLS renegotiation refused");
    }

    /**
     * After the handshake a record that starts another is renegotiation (TLS 1.2), which is refused: a peer could
     * otherwise swap certificates under a connection already authenticated. TLS 1.3 has no renegotiation; what
     * comes there is a key update, whose answer is sent at once.
     */
    @Override
    void afterUnwrap(SSLEngineResult result) throws IOException {
        HandshakeStatus status = result.getHandshakeStatus();
        if (!handshakeDone || status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
            return;
        }
        if (!"TLSv1.3".equals(engine.getSession().getProtocol())) {
            refused = true;
            throw refusal();
        }
        runTasks();
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            writeLock.lock();
            try {
                wrapAndSend(NOTHING, settings.deadline());
            }
            finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * The peer's close_notify came. Under TLS 1.2 the engine then closes its own side and has a close_notify of
     * its own to send, which goes now unless a write is under way.
     */
    @Override
    void afterInboundClosed() {
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && writeLock.tryLock()) {
            try {
                wrapAndSend(NOTHING, System.nanoTime() + CLOSE_NOTIFY_TIMEOUT_NANOS);
            }
            catch (IOException | RuntimeException ignored) {
                // a courtesy: the peer has closed already
            }
            finally {
                writeLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    void writeFully(byte[] data, int offset, int length) throws IOException {
        sendRecords(new ByteBuffer[] { ByteBuffer.wrap(data, offset, length) });
    }

    /**
     * A frame's header and payload, wrapped together by an engine that gathers: one record for a small frame, no
     * copy to join them. Other engines get them one after the other (a small frame was joined before, see
     * {@link #joinsSmallFrames()}).
     */
    @Override
    void writeFully(byte[] data, int offset, int length, byte[] then) throws IOException {
        if (!gathers) {
            super.writeFully(data, offset, length, then);
            return;
        }
        sendRecords(new ByteBuffer[] { ByteBuffer.wrap(data, offset, length), ByteBuffer.wrap(then) });
    }

    @Override
    boolean joinsSmallFrames() {
        return !gathers;
    }

    /** Wraps and sends records until every byte of {@code plaintext} has gone, in order. */
    private void sendRecords(ByteBuffer[] plaintext) throws IOException {
        if (refused) {
            throw refusal();
        }
        do {
            if (wrapAndSend(plaintext, writeDeadline).getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS connection's sending side is closed");
            }
        }
        while (anyRemaining(plaintext));
    }

    // Every buffer, not just the last: a wrap that only sent the engine's own message (a key update's answer)
    // leaves all of them, and an empty payload behind an unsent header has nothing remaining.
    private static boolean anyRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- closing

    @Override
    void shutdownOutputNow() throws IOException {
        engine.closeOutbound();
        wrapAndSend(NOTHING, settings.deadline());
        super.shutdownOutputNow();
    }

    @Override
    void release() {
        super.release();
        // Every close path ends here (close, drop, the linger after shutdownInput): an OpenSSL engine's native
        // state is freed now rather than at garbage collection.
        OpenSslSupport.release(provider, engine);
    }

    @Override
    void sayGoodbye() {
        // close_notify is polite, but a peer that does not read must not hold close() up; nor may a write in
        // progress, which is why the lock is only tried.
        if (!handshakeDone || refused || !writeLock.tryLock()) {
            return;
        }
        try {
            engine.closeOutbound();
            wrapAndSend(NOTHING, System.nanoTime() + CLOSE_NOTIFY_TIMEOUT_NANOS);
        }
        catch (IOException | RuntimeException ignored) {
            // the channel is closed after this either way
        }
        finally {
            writeLock.unlock();
        }
    }
}
