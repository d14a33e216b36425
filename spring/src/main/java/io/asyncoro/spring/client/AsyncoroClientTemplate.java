package io.asyncoro.spring.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.convert.PayloadConversionException;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * A configured client of a socket server: {@link #request} sends a message and waits for one reply on a pooled
 * connection, {@link #send} sends one without waiting, and {@link #connect()} hands out a connection of its
 * own for a longer conversation. Thread-safe; calls block their thread (cheaply on a coroutine's virtual
 * thread) and never wait past the timeout they are given.
 *
 * <p>A call that fails on a connection (a timeout, the server closing it mid-reply, a reset) fails only that
 * call and discards that connection, whose stream is then in an unknown state; the next call opens a new one,
 * trying the addresses in order and backing off while none answers. A request is never retried: the server may
 * have acted on it.
 *
 * <p>Messages and replies go through the payload converters, as a server's {@code @OnMessage} parameters and
 * return values do: {@code byte[]} as is, {@code String} as UTF-8, JSON when Jackson is present.
 */
public final class AsyncoroClientTemplate implements AutoCloseable {

    private final ClientSettings settings;
    private final PayloadConverters converters;
    private final ClientObserver observer;
    private final Connector connector;
    private final ConnectionPool pool;

    /** A client; it connects on first use. */
    public AsyncoroClientTemplate(ClientSettings settings, PayloadConverters converters, ClientObserver observer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.converters = Objects.requireNonNull(converters, "converters");
        this.observer = observer != null ? observer : ClientObserver.NONE;
        this.connector = new Connector(settings, this.observer);
        this.pool = new ConnectionPool(settings, this.connector, this.observer);
    }

    /** The client's name, the key under {@code asyncoro.clients}. */
    public String name() {
        return this.settings.name();
    }

    /** The settings the client was built from. */
    public ClientSettings settings() {
        return this.settings;
    }

    /**
     * Sends one message on a pooled connection without waiting for a reply: for one-way protocols. (On a
     * server that replies, the reply would stay unread on the connection; use {@link #request} there.)
     *
     * @param message converted by the payload converters
     * @throws AsyncoroClientException when no connection could be opened or the write failed
     */
    public void send(Object message) {
        byte[] payload = this.converters.write(message);
        long deadline = System.nanoTime() + this.settings.readTimeout().toNanos();
        PooledConnection connection = acquire(deadline);
        try {
            connection.socket.setTimeout(remaining(deadline));
            this.settings.framing().write(connection.socket, payload);
        }
        catch (IllegalArgumentException ex) {
            this.pool.release(connection);
            throw new AsyncoroClientException("[" + name() + "] the message cannot be framed: " + ex.getMessage(), ex);
        }
        catch (IOException ex) {
            this.pool.discard(connection);
            throw failure("send", ex);
        }
        this.pool.release(connection);
    }

    /**
     * Sends a message and waits for one reply, within the client's {@code read-timeout}.
     *
     * @see #request(byte[], Duration)
     */
    public byte[] request(byte[] message) {
        return request(message, this.settings.readTimeout());
    }

    /**
     * Sends a message on a pooled connection and waits for one reply.
     *
     * @param timeout the whole call's limit: waiting for a connection, connecting, writing and reading
     * @throws ClientTimeoutException when the reply does not come in time (the connection is discarded)
     * @throws AsyncoroClientException when the connection closes before the reply or cannot be opened
     */
    public byte[] request(byte[] message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean success = false;
        try {
            PooledConnection connection = acquire(deadline);
            byte[] reply;
            try {
                connection.socket.setTimeout(remaining(deadline));
                this.settings.framing().write(connection.socket, message);
                reply = connection.reader.read();
            }
            catch (IllegalArgumentException ex) {
                this.pool.release(connection);
                throw new AsyncoroClientException("[" + name() + "] the message cannot be framed: "
                        + ex.getMessage(), ex);
            }
            catch (IOException ex) {
                this.pool.discard(connection);
                throw failure("request", ex);
            }
            if (reply == null) {
                this.pool.discard(connection);
                throw new AsyncoroClientException("[" + name() + "] the server closed the connection before replying");
            }
            this.pool.release(connection);
            success = true;
            return reply;
        }
        finally {
            this.observer.requestCompleted(System.nanoTime() - start, success);
        }
    }

    /**
     * Sends a value converted by the payload converters and converts the one reply to {@code replyType}.
     *
     * @throws PayloadConversionException when the reply does not convert (the connection is kept: the reply
     *         was read whole)
     * @see #request(byte[], Duration)
     */
    public <T> T request(Object message, Class<T> replyType, Duration timeout) {
        byte[] reply = request(this.converters.write(message), timeout);
        if (replyType == byte[].class) {
            return replyType.cast(reply);
        }
        Object value = this.converters.readerFor(replyType)
            .orElseThrow(() -> new PayloadConversionException("no PayloadConverter reads " + replyType.getName()))
            .read(reply, replyType);
        return replyType.cast(value);
    }

    /**
     * Opens a connection of the caller's own, outside the pool, for a conversation: the caller reads and writes
     * it (in the client's framing, e.g. {@code sendMsg}/{@code recvMsg} for {@code message}) and closes it. The
     * addresses, TLS and backoff apply as for pooled connections; its timeout starts as {@code read-timeout}.
     *
     * @throws AsyncoroClientException when no address could be connected to within {@code connect-timeout}
     */
    public AsyncSocket connect() {
        try {
            AsyncSocket socket = this.connector.connect(System.nanoTime() + this.settings.connectTimeout().toNanos());
            socket.setTimeout(this.settings.readTimeout());
            return socket;
        }
        catch (IOException ex) {
            throw failure("connect", ex);
        }
    }

    /** Connections waiting in the pool now. */
    public int idleConnections() {
        return this.pool.idleConnections();
    }

    /**
     * Checks that the client can connect: opens a connection to the first address that answers (TLS handshake
     * included) and closes it at once, sending nothing. Not counted in the client's meters and not subject to
     * its reconnect backoff; for health checks.
     *
     * @return the address that answered
     * @throws AsyncoroClientException when none did within {@code connect-timeout}
     */
    public InetSocketAddress checkConnect() {
        try (AsyncSocket socket = this.connector.probe(System.nanoTime() + this.settings.connectTimeout().toNanos())) {
            return socket.remoteAddress();
        }
        catch (IOException ex) {
            throw failure("connect", ex);
        }
    }

    /** Pooled connections open now, idle or lent to calls. */
    public int openConnections() {
        return this.pool.openConnections();
    }

    /** Closes the pooled connections; calls made afterwards fail. */
    @Override
    public void close() {
        this.pool.close();
    }

    @Override
    public String toString() {
        return "AsyncoroClientTemplate[" + name() + " " + this.settings.addresses() + ", "
                + this.settings.framing().name() + (this.settings.tls() != null ? ", tls" : "") + "]";
    }

    private PooledConnection acquire(long deadline) {
        try {
            return this.pool.acquire(deadline);
        }
        catch (IOException ex) {
            throw failure("connect", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AsyncoroClientException("[" + name() + "] interrupted while waiting for a connection", ex);
        }
    }

    private AsyncoroClientException failure(String call, IOException ex) {
        if (ex instanceof SocketTimeoutException) {
            return new ClientTimeoutException("[" + name() + "] " + call + " timed out: " + ex.getMessage(), ex);
        }
        return new AsyncoroClientException("[" + name() + "] " + call + " failed: " + ex, ex);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
