package io.asyncoro.spring.boot.autoconfigure.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroOptions;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.boot.autoconfigure.convert.PayloadConverters;

/**
 * A TCP connection whose outbound messages go through a bounded queue drained by a writer coroutine of its
 * own. Overflow means the peer reads slower than the application writes: the connection is closed and the
 * server's observer is told ({@link RejectReason#SLOW_CONSUMER}) rather than letting the sender wait.
 */
public final class QueuedAsyncConnection implements AsyncConnection {

    private static final Log logger = LogFactory.getLog(QueuedAsyncConnection.class);

    /** Compared by identity: tells the writer to stop after what is queued before it. */
    private static final byte[] END = new byte[0];

    private final String serverName;
    private final String id;
    private final AsyncSocket socket;
    private final Framing framing;
    private final BlockingQueue<byte[]> queue;
    private final ServerObserver observer;
    private final PayloadConverters converters;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Coro<Void> writer;

    /**
     * A connection, not yet writing; {@link #startWriter} starts its writer.
     *
     * @param queueCapacity the most messages waiting to be written
     */
    public QueuedAsyncConnection(String serverName, String id, AsyncSocket socket, Framing framing,
            int queueCapacity, ServerObserver observer, PayloadConverters converters) {
        this.serverName = serverName;
        this.id = id;
        this.socket = socket;
        this.framing = framing;
        // Linked, not an array: an idle connection holds no slots, whatever the capacity.
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.observer = observer;
        this.converters = converters;
    }

    /** Starts the writer coroutine (a platform thread when {@code blocking}). */
    public void startWriter(AsynCoro asyncoro, boolean blocking) {
        this.writer = asyncoro.spawn(new CoroOptions(this.serverName + "-writer-" + this.id, false, blocking), self -> {
            writeLoop();
            return null;
        });
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] message = this.queue.take();
                if (message == END) {
                    return;
                }
                this.framing.write(this.socket, message);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // Closing wakes the reader, which ends the connection; the failure is counted there, once.
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
        Coro<Void> w = this.writer;
        if (w == null || !w.isAlive()) {
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
        if (this.queue.offer(message)) {
            return true;
        }
        dropSlowConsumer();
        return false;
    }

    private void dropSlowConsumer() {
        if (this.closing.compareAndSet(false, true)) {
            logger.info("[" + this.serverName + "] closing connection " + this.id + " from " + remoteAddress()
                    + ": its send queue is full (" + (this.queue.size()) + " messages); the peer reads too slowly");
            this.observer.connectionRejected(RejectReason.SLOW_CONSUMER);
            this.socket.close();
        }
    }

    @Override
    public boolean send(String message) {
        return send(message.getBytes(StandardCharsets.UTF_8));
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
            if (!this.queue.offer(END)) {
                this.socket.close();
            }
            if (this.writer == null) {
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

    @Override
    public String toString() {
        return "AsyncConnection[" + this.serverName + "#" + this.id + " " + remoteAddress() + "]";
    }
}
