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

/**
 * TLS over a polled channel: the poller reads ciphertext like any plain connection's bytes, and an {@link SSLEngine}
 * turns it into plaintext in the reading coroutine, so a TLS connection parks like a plain one instead of holding a
 * JDK socket's blocked read.
 *
 * <p>Reads decrypt straight into the caller's array when it has room for a whole record; otherwise the record's
 * plaintext waits in {@code leftover}, which, like the ciphertext not yet decrypted, is let go as soon as it is
 * used up, so an idle connection holds neither. Renegotiation (TLS 1.2) is refused: the connection is dropped.
 */
final class TlsEngineTransport extends PolledTransport {

    private static final long CLOSE_NOTIFY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final int RECORD_HEADER = 5;

    private final SSLEngine engine;
    private final Duration handshakeTimeout;
    private volatile boolean handshakeDone;
    // Set when the peer tried to renegotiate: the engine is mid-handshake then, and must not be used again.
    private volatile boolean refused;
    // Guarded by readLock: ciphertext read and not yet decrypted, and plaintext decrypted and not yet read; null
    // when there is none.
    private ByteBuffer netIn;
    private ByteBuffer leftover;

    private TlsEngineTransport(SocketChannel channel, SSLEngine engine, Duration handshakeTimeout,
            SocketSettings settings) throws IOException {
        super(channel, settings);
        this.engine = engine;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Connects and sets up TLS for the address's host string; the handshake is left to the first use. */
    static TlsEngineTransport connect(InetSocketAddress address, Duration connectTimeout, TlsClientConfig tls,
            SocketSettings settings) throws IOException {
        return overNewChannel(address, connectTimeout, channel -> new TlsEngineTransport(channel,
                tls.newEngine(address.getHostString(), address.getPort()), tls.handshakeTimeout(), settings));
    }

    /** Sets up TLS on a channel a server accepted; the handshake is left to the first use. */
    static TlsEngineTransport accepted(SocketChannel channel, TlsServerConfig tls, SocketSettings settings)
            throws IOException {
        return new TlsEngineTransport(channel, tls.newEngine(), tls.handshakeTimeout(), settings);
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
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> wrapAndSend(NOTHING, deadline);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (unwrap(null, 0, 0, deadline) < 0) {
                            throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
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

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
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
        while (true) {
            if (leftover != null) {
                int n = Math.min(leftover.remaining(), length);
                leftover.get(dst, offset, n);
                if (!leftover.hasRemaining()) {
                    leftover = null;
                }
                return n;
            }
            int n = unwrap(dst, offset, length, deadline);
            if (n != 0) {
                return n;
            }
        }
    }

    /**
     * Decrypts one record, reading ciphertext until a whole one is there: into {@code dst} when it has room for
     * the record's plaintext, otherwise into {@code leftover}.
     *
     * @return the bytes put into {@code dst} (0 for a record with no plaintext, or whose plaintext went to
     *         {@code leftover}); -1 at the end of the stream
     */
    private int unwrap(byte[] dst, int offset, int length, long deadline) throws IOException {
        ByteBuffer spare = null;
        while (true) {
            if (engine.isInboundDone()) {
                return -1;
            }
            if (netIn != null && netIn.remaining() >= RECORD_HEADER) {
                int room = plaintextRoom();
                boolean direct = dst != null && leftover == null && room <= length;
                if (!direct && (spare == null || spare.capacity() < room)) {
                    spare = ByteBuffer.allocate(room);
                }
                ByteBuffer app = direct ? ByteBuffer.wrap(dst, offset, length) : spare.clear();
                SSLEngineResult result = engine.unwrap(netIn, app);
                if (!netIn.hasRemaining()) {
                    netIn = null;
                }
                switch (result.getStatus()) {
                    case OK -> {
                        afterUnwrap(result);
                        int produced = result.bytesProduced();
                        if (direct || produced == 0) {
                            return produced;
                        }
                        keep(spare.flip());
                        spare = null;
                        return 0;
                    }
                    case CLOSED -> {
                        afterInboundClosed();
                        return -1;
                    }
                    case BUFFER_OVERFLOW -> {
                        spare = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + room);
                        dst = null;
                        continue;
                    }
                    case BUFFER_UNDERFLOW -> {
                        // a record not yet whole: read more below
                    }
                }
            }
            byte[] chunk = polled.take(deadline);
            if (chunk == null) {
                return -1;
            }
            append(chunk);
        }
    }

    /** Room enough for the plaintext of the record that starts {@code netIn}: never more than its ciphertext. */
    private int plaintextRoom() {
        int at = netIn.position();
        int recordLength = ((netIn.get(at + 3) & 0xFF) << 8) | (netIn.get(at + 4) & 0xFF);
        return Math.max(1, Math.min(recordLength, engine.getSession().getApplicationBufferSize()));
    }

    /**
     * The error for every use after a renegotiation was refused. The connection is left for its owner to close,
     * as after any error: closed here, the refusal would reach the reader as a plain {@link SocketClosedException}.
     */
    private static SSLHandshakeException refusal() {
        return new SSLHandshakeException("TLS renegotiation refused");
    }

    private void keep(ByteBuffer plaintext) {
        if (leftover == null) {
            leftover = plaintext;
            return;
        }
        ByteBuffer merged = ByteBuffer.allocate(leftover.remaining() + plaintext.remaining());
        leftover = merged.put(leftover).put(plaintext).flip();
    }

    private void append(byte[] ciphertext) {
        if (netIn == null) {
            netIn = ByteBuffer.wrap(ciphertext);
            return;
        }
        ByteBuffer merged = ByteBuffer.allocate(netIn.remaining() + ciphertext.length);
        netIn = merged.put(netIn).put(ciphertext).flip();
    }

    /**
     * After the handshake a record that starts another is renegotiation (TLS 1.2), which is refused: a peer could
     * otherwise swap certificates under a connection already authenticated. TLS 1.3 has no renegotiation; what
     * comes there is a key update, whose answer is sent at once.
     */
    private void afterUnwrap(SSLEngineResult result) throws IOException {
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
    private void afterInboundClosed() {
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
        if (refused) {
            throw refusal();
        }
        ByteBuffer plaintext = ByteBuffer.wrap(data, offset, length);
        do {
            if (wrapAndSend(plaintext, writeDeadline).getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS connection's sending side is closed");
            }
        }
        while (plaintext.hasRemaining());
    }

    /**
     * Wraps one record (of {@code plaintext}, or the engine's own: handshake, alert, close_notify) and writes it,
     * from an array borrowed for the write: a record is up to 16 KiB, too much to allocate per message or to hold
     * per idle connection.
     */
    private SSLEngineResult wrapAndSend(ByteBuffer plaintext, long deadline) throws IOException {
        byte[] borrowed = SendBuffers.borrow();
        try {
            ByteBuffer record = ByteBuffer.wrap(borrowed);
            SSLEngineResult result;
            while ((result = engine.wrap(plaintext, record)).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                record = ByteBuffer.allocate(Math.max(record.capacity() * 2, engine.getSession().getPacketBufferSize()));
            }
            if (record.position() > 0) {
                polled.write(record.array(), 0, record.position(), deadline);
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            return result;
        }
        finally {
            SendBuffers.giveBack(borrowed);
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    void shutdownOutputNow() throws IOException {
        engine.closeOutbound();
        wrapAndSend(NOTHING, settings.deadline());
        super.shutdownOutputNow();
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
