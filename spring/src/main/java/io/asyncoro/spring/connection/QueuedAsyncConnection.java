package io.asyncoro.spring.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import javax.net.ssl.SSLSession;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroOptions;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.net.IoListener;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * A TCP connection whose outbound messages go through a queue drained by a writer coroutine of its own,
 * bounded in bytes by {@link SendQueueLimits}: past the hard limit, or over the soft limit for longer than the
 * soft period, the peer reads slower than the application writes, so the connection is closed and the
 * server's observer is told ({@link RejectReason#SLOW_CONSUMER}) rather than letting the sender wait. A burst
 * that a reader works off within the soft period costs nothing; memory per connection stays near the hard
 * limit whatever the message size.
 *
 * <p>A handler's reply is written straight from the connection's own coroutine when nothing is queued ahead
 * of it, and the writer coroutine is started only when a message is first queued: a request/reply connection
 * then costs one coroutine and no hand-off per message, while sends from other coroutines (broadcasts) still
 * never wait on this peer.
 *
 * <p>It is its socket's {@link IoListener}, counting the bytes in and out and passing everything on to the
 * server's observer: the counters cost two {@code long} fields per connection and no object of their own.
 */
public final class QueuedAsyncConnection implements AsyncConnection, IoListener {

    private static final Log logger = LogFactory.getLog(QueuedAsyncConnection.class);

    /** Compared by identity: tells the writer to stop after what is queued before it. */
    private static final byte[] END = new byte[0];

    private final String serverName;
    private final String id;
    private final AsyncSocket socket;
    private final MessageFraming framing;
    private final BlockingQueue<byte[]> queue;
    private final SendQueueBudget budget;
    private final ServerObserver observer;
    private final PayloadConverters converters;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    // Messages queued or being written by the writer: a direct reply may go out only when this is zero.
    private final AtomicInteger pending = new AtomicInteger();
    private final AsynCoro asyncoro;
    private final boolean blocking;
    private volatile Coro<Void> writer;
    private final long openedAtMillis = System.currentTimeMillis();
    // Field updaters rather than AtomicLongs: no object per counter per connection.
    private static final AtomicLongFieldUpdater<QueuedAsyncConnection> BYTES_IN =
            AtomicLongFieldUpdater.newUpdater(QueuedAsyncConnection.class, "bytesIn");
    private static final AtomicLongFieldUpdater<QueuedAsyncConnection> BYTES_OUT =
            AtomicLongFieldUpdater.newUpdater(QueuedAsyncConnection.class, "bytesOut");
    private volatile long bytesIn;
    private volatile long bytesOut;

    /**
     * A connection; its writer coroutine starts when a message is first queued.
     *
     * @param limits how much may wait to be written
     * @param asyncoro runs the writer coroutine
     * @param blocking whether the writer runs on a platform thread
     */
    public QueuedAsyncConnection(String serverName, String id, AsyncSocket socket, Framing framing,
            SendQueueLimits limits, ServerObserver observer, PayloadConverters converters, AsynCoro asyncoro,
            boolean blocking) {
        this(serverName, id, socket, MessageFraming.of(framing, 8 * 1024), limits, observer, converters,
                asyncoro, blocking);
    }

    /**
     * A connection writing in any {@link MessageFraming}; its writer coroutine starts when a message is first
     * queued.
     */
    public QueuedAsyncConnection(String serverName, String id, AsyncSocket socket, MessageFraming framing,
            SendQueueLimits limits, ServerObserver observer, PayloadConverters converters, AsynCoro asyncoro,
            boolean blocking) {
        this.serverName = serverName;
        this.id = id;
        this.socket = socket;
        this.framing = framing;
        // Linked, not an array: an idle connection holds no slots, whatever the capacity.
        this.queue = new LinkedBlockingQueue<>(limits.maxMessages());
        this.budget = new SendQueueBudget(limits);
        this.observer = observer;
        this.converters = converters;
        this.asyncoro = asyncoro;
        this.blocking = blocking;
        socket.setListener(this);
    }

    @Override
    public void bytesReceived(int count) {
        BYTES_IN.addAndGet(this, count);
        this.observer.bytesReceived(count);
    }

    @Override
    public void bytesSent(int count) {
        BYTES_OUT.addAndGet(this, count);
        this.observer.bytesSent(count);
    }

    @Override
    public void messageReceived(int payloadLength) {
        this.observer.messageReceived(payloadLength);
    }

    @Override
    public void messageSent(int payloadLength) {
        this.observer.messageSent(payloadLength);
    }

    @Override
    public Instant openedAt() {
        return Instant.ofEpochMilli(this.openedAtMillis);
    }

    @Override
    public long bytesReceived() {
        return this.bytesIn;
    }

    @Override
    public long bytesSent() {
        return this.bytesOut;
    }

    @Override
    public Optional<String> tlsProtocol() {
        return this.socket.tlsSession().map(SSLSession::getProtocol);
    }

    private void ensureWriter() {
        if (this.writer != null) {
            return;
        }
        synchronized (this) {
            if (this.writer != null) {
                return;
            }
            try {
                this.writer = this.asyncoro.spawn(
                        new CoroOptions(this.serverName + "-writer-" + this.id, false, this.blocking), self -> {
                            writeLoop();
                            return null;
                        });
            }
            catch (RuntimeException ex) {
                // The scheduler is closing: nothing can be written any more.
                this.socket.close();
            }
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] message = this.queue.take();
                if (message == END) {
                    return;
                }
                // Uncounted once taken: a reader that keeps pace, one message behind, is never over a limit
                // because the writer has not yet returned from the last write.
                this.budget.release(message.length);
                try {
                    this.framing.write(this.socket, message);
                }
                finally {
                    this.pending.decrementAndGet();
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // Counted here, once: closing wakes the reader with the server's own close, which is no error.
            ErrorKind kind = ErrorKind.classify(ex);
            if (kind != null) {
                this.observer.error(kind, ex);
            }
            logger.debug("[" + this.serverName + "] write to connection " + this.id + " failed: " + ex);
            this.socket.close();
        }
        finally {
            if (this.closing.get()) {
                this.socket.close();
            }
        }
    }

    /**
     * Lets the writer send what is queued, waiting at most {@code timeout}, then stops it. Called when the
     * connection's handler is done.
     */
    public void finish(Duration timeout) {
        this.closing.set(true);
        if (!this.queue.isEmpty()) {
            ensureWriter();
        }
        Coro<Void> w = this.writer;
        if (w == null || !w.isAlive()) {
            if (w == null) {
                this.socket.close();
            }
            return;
        }
        if (this.socket.isClosed()) {
            w.terminate();
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!this.queue.offer(END, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                w.terminate();
                return;
            }
            w.value(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            w.terminate();
        }
        catch (TimeoutException ex) {
            w.terminate();
        }
        catch (RuntimeException ex) {
            // the writer's own failure was logged by the writer
        }
    }

    @Override
    public boolean send(byte[] message) {
        if (this.closing.get() || this.socket.isClosed()) {
            return false;
        }
        String overLimit = this.budget.admit(message.length);
        if (overLimit != null) {
            dropSlowConsumer(overLimit);
            return false;
        }
        this.pending.incrementAndGet();
        if (this.queue.offer(message)) {
            ensureWriter();
            return true;
        }
        this.pending.decrementAndGet();
        this.budget.release(message.length);
        dropSlowConsumer("its send queue holds " + this.queue.size() + " messages (send-queue-capacity)");
        return false;
    }

    /**
     * Sends a handler's reply. Called only from the connection's own coroutine: when nothing is queued ahead of
     * the reply it is written at once, in this coroutine (a peer that does not read then holds up only its own
     * connection, until the idle timeout); otherwise it is queued behind what is there, keeping the order.
     *
     * @return whether the reply was written or queued
     * @throws IOException when writing it at once failed (a timeout, a reset); the connection is closed, and
     *         the failure ends the handler like any other I/O error, so the server counts it
     */
    public boolean reply(Object value) throws IOException {
        byte[] message = value instanceof byte[] bytes ? bytes : this.converters.write(value);
        if (this.pending.get() != 0 || this.closing.get() || this.socket.isClosed()) {
            return send(message);
        }
        try {
            this.framing.write(this.socket, message);
            return true;
        }
        catch (IOException ex) {
            this.socket.close();
            throw ex;
        }
    }

    private void dropSlowConsumer(String why) {
        if (this.closing.compareAndSet(false, true)) {
            logger.info("[" + this.serverName + "] closing connection " + this.id + " from " + remoteAddress()
                    + ": " + why + "; the peer reads too slowly");
            this.observer.connectionRejected(RejectReason.SLOW_CONSUMER);
            this.socket.close();
        }
    }

    @Override
    public boolean send(Object message) {
        if (message instanceof byte[] bytes) {
            return send(bytes);
        }
        return send(this.converters.write(message));
    }

    @Override
    public void close() {
        if (this.closing.compareAndSet(false, true)) {
            // The writer closes the socket once it has sent what was queued before this.
            if (this.pending.get() == 0 && this.writer == null) {
                this.socket.close();
            }
            else if (this.queue.offer(END)) {
                ensureWriter();
            }
            else {
                this.socket.close();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !this.closing.get() && !this.socket.isClosed();
    }

    @Override
    public String serverName() {
        return this.serverName;
    }

    @Override
    public String id() {
        return this.id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return this.socket.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return this.socket.localAddress();
    }

    @Override
    public Optional<Principal> peerPrincipal() {
        return this.socket.peerPrincipal();
    }

    @Override
    public Map<String, Object> attributes() {
        return this.attributes;
    }

    /** How many messages wait to be written. */
    public int queuedMessages() {
        return this.queue.size();
    }

    /** How many payload bytes wait to be written (the message being written is not counted). */
    public long queuedBytes() {
        return this.budget.bytes();
    }

    @Override
    public String toString() {
        return "AsyncConnection[" + this.serverName + "#" + this.id + " " + remoteAddress() + "]";
    }
}
