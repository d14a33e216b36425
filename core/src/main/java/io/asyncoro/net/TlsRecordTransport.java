package io.asyncoro.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS's record layer over a polled channel: ciphertext the poller read is gathered until a record is whole and
 * decrypted in the reading coroutine, and what is sent is wrapped a record at a time and written through the
 * channel; the handshake's steps go through the same two. When to handshake and what a handshake status means once
 * a record is through (renegotiation, a key update, the peer's close_notify) is the subclass's policy,
 * {@link TlsEngineTransport}. A superclass rather than a helper object, so a TLS connection costs no more objects
 * than before.
 *
 * <p>Reads decrypt straight into the caller's array when it has room for a whole record; otherwise the record's
 * plaintext waits in {@code leftover}, which, like the ciphertext not yet decrypted, is let go as soon as it is
 * used up, so an idle connection holds neither.
 */
abstract class TlsRecordTransport extends PolledTransport {

    static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final int RECORD_HEADER = 5;
    // Records written, over all connections (for tests: one counter for all, so a connection pays nothing for it).
    private static final LongAdder RECORDS_SENT = new LongAdder();

    final SSLEngine engine;
    // Guarded by readLock: ciphertext read and not yet decrypted, and plaintext decrypted and not yet read; null
    // when there is none.
    ByteBuffer netIn;
    private ByteBuffer leftover;

    TlsRecordTransport(SocketChannel channel, SSLEngine engine, SocketSettings settings) throws IOException {
        super(channel, settings);
        this.engine = engine;
    }

    /** After a record went through with {@code OK}: whatever its handshake status asks for. */
    abstract void afterUnwrap(SSLEngineResult result) throws IOException;

    /** After the peer's close_notify came. */
    abstract void afterInboundClosed();

    // ---------------------------------------------------------------- handshake

    /**
     * Takes the engine through its handshake, begun already: sends what it wraps, unwraps what the peer sends and
     * runs its delegated tasks, as it asks, until it says it is done. The deadline and what a failure means are
     * the caller's.
     *
     * @throws SSLHandshakeException if the peer closes the connection first
     */
    final void stepHandshake(long deadline) throws IOException {
        // Whether the engine is to be called with no input before the handshake waits for the peer's bytes (see
        // unwrapNothing). A wrap in between does not count: it may only send what was ready (the alert for a
        // refused client certificate) without the engine going on.
        boolean askAgain = false;
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    runTasks();
                    askAgain = true;
                }
                case NEED_WRAP -> {
                    if (wrapAndSend(NOTHING, deadline).getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        askAgain = true;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (askAgain) {
                        askAgain = false;
                        unwrapNothing();
                    }
                    else if (unwrap(null, 0, 0, deadline) < 0) {
                        throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                    }
                    else {
                        // netIn is let go once the engine took all of it, which it may be done with only when
                        // called again
                        askAgain = netIn == null;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /**
     * Calls the engine once with no input, before the handshake waits for the peer's bytes because the engine
     * says {@code NEED_UNWRAP}. Netty's OpenSSL engine can say so when it need not: having taken the peer's last
     * handshake record, or once a delegated task ran (a client certificate's check), OpenSSL goes on only when the
     * engine is called again. Netty's own handler makes that call when more bytes come, or after a task; without
     * it a TLS 1.3 server whose client has nothing to say yet would wait until the handshake timeout, and a client
     * certificate refused would fail the handshake only when the client sends or closes.
     *
     * <p>Harmless for the JDK's engine, which, with no input and {@code NEED_UNWRAP}, returns at once:
     * {@code BUFFER_UNDERFLOW}, nothing consumed or produced, its state as it was. What the call throws (the check's
     * error for a refused certificate) fails the handshake like any unwrap's error.
     */
    private void unwrapNothing() throws SSLException {
        engine.unwrap(NOTHING, NOTHING);
    }

    // ---------------------------------------------------------------- reading

    /** Reads plaintext: what is left of a record first, then the next record's. As {@link ByteSource#read} says. */
    final int readPlaintext(byte[] dst, int offset, int length, long deadline) throws IOException {
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
    final int unwrap(byte[] dst, int offset, int length, long deadline) throws IOException {
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

    private void keep(ByteBuffer plaintext) {
        if (leftover == null) {
            leftover = plaintext;
            return;
        }
        ByteBuffer merged = ByteBuffer.allocate(leftover.remaining() + plaintext.remaining());
        leftover = merged.put(leftover).put(plaintext).flip();
    }

    /** Adds ciphertext the poller read behind what is not yet decrypted. */
    final void append(byte[] ciphertext) {
        if (netIn == null) {
            netIn = ByteBuffer.wrap(ciphertext);
            return;
        }
        ByteBuffer merged = ByteBuffer.allocate(netIn.remaining() + ciphertext.length);
        netIn = merged.put(netIn).put(ciphertext).flip();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Wraps one record (of {@code plaintext}, or the engine's own: handshake, alert, close_notify) and writes it,
     * from an array borrowed for the write: a record is up to 16 KiB, too much to allocate per message or to hold
     * per idle connection.
     */
    final SSLEngineResult wrapAndSend(ByteBuffer plaintext, long deadline) throws IOException {
        return wrapAndSend(new ByteBuffer[] { plaintext }, deadline);
    }

    /**
     * As {@link #wrapAndSend(ByteBuffer, long)}, with the record's plaintext gathered from {@code plaintext} in
     * order (the engine fills a record from as many of them as fit).
     */
    final SSLEngineResult wrapAndSend(ByteBuffer[] plaintext, long deadline) throws IOException {
        byte[] borrowed = SendBuffers.borrow();
        try {
            ByteBuffer record = ByteBuffer.wrap(borrowed);
            SSLEngineResult result;
            while ((result = engine.wrap(plaintext, record)).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                record = ByteBuffer.allocate(Math.max(record.capacity() * 2, engine.getSession().getPacketBufferSize()));
            }
            if (record.position() > 0) {
                RECORDS_SENT.increment();
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

    /** Records written so far, over all TLS connections on the poller (for tests). */
    static long recordsSent() {
        return RECORDS_SENT.sum();
    }

    /** Runs the engine's delegated tasks here, in the connection's own coroutine. */
    final void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
