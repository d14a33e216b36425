package io.asyncoro.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.springframework.core.env.Environment;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.net.TlsClientConfig;

/**
 * A client for testing a socket server of a running application: it connects to a server by its name, speaks
 * the server's framing (asyncoro messages, lines or raw bytes) and checks what comes back, failing with an
 * {@link AssertionError} that shows what arrived instead.
 *
 * <pre>{@code
 * @SpringBootTest(properties = "asyncoro.servers.chat.port=0")
 * class ChatTests {
 *
 *     @Autowired
 *     Environment environment;
 *
 *     @Test
 *     void greetsANewcomer() {
 *         try (AsyncoroTestClient chat = AsyncoroTestClient.connect(environment, "chat")) {
 *             chat.expect("id: 1");
 *             chat.send("hello").expect("1: hello");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The port is read from {@code local.asyncoro.servers.<name>.port}, the framing from
 * {@code asyncoro.servers.<name>.framing} (message when unset) and the host from
 * {@code asyncoro.servers.<name>.address} (127.0.0.1 for a server listening on every interface). A TLS server
 * ({@code asyncoro.servers.<name>.ssl.enabled}) needs a {@link TlsClientConfig}, see {@link #builder}.
 *
 * <p>Every receive waits at most a timeout ({@link #DEFAULT_TIMEOUT} unless {@link Builder#timeout set}); a
 * receive that times out consumes nothing. A client is used by one thread at a time.
 */
public final class AsyncoroTestClient implements AutoCloseable {

    /** How long a receive waits unless told otherwise: long enough for a loaded CI machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How many received messages a failure message recalls. */
    private static final int HISTORY = 10;

    private static final int RAW_READ_SIZE = 8192;

    private final AsyncSocket socket;
    private final ServerAddress server;
    private final Duration timeout;
    private final Deque<byte[]> history = new ArrayDeque<>();

    private AsyncoroTestClient(AsyncSocket socket, ServerAddress server, Duration timeout) {
        this.socket = socket;
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * Connects to the server named {@code name} of the application whose {@code environment} this is.
     *
     * @throws IllegalStateException when the server has not published its port, or speaks TLS
     * @throws UncheckedIOException when the connection cannot be made
     */
    public static AsyncoroTestClient connect(Environment environment, String name) {
        return builder(environment, name).connect();
    }

    /** Connects to the TLS server named {@code name}, verifying it as {@code tls} says. */
    public static AsyncoroTestClient connect(Environment environment, String name, TlsClientConfig tls) {
        return builder(environment, name).tls(tls).connect();
    }

    /** A client for the server named {@code name}, to set a timeout or TLS before connecting. */
    public static Builder builder(Environment environment, String name) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(name, "name");
        return new Builder(ServerAddress.of(environment, name));
    }

    /** A client for a server known by address only, for example a core {@code AsyncSocketServer}. */
    public static Builder builder(String host, int port, Framing framing) {
        return new Builder(new ServerAddress(null, host, port, framing, false));
    }

    // ---------------------------------------------------------------- sending

    /** Sends {@code text} in UTF-8 as one message (or one line, or as it is in raw framing). */
    public AsyncoroTestClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code payload} as one message (or one line, or as it is in raw framing). */
    public AsyncoroTestClient send(byte[] payload) {
        try {
            this.server.framing().write(this.socket, payload);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not send " + Printable.quote(payload) + " to "
                    + this.server.describe(), ex);
        }
        return this;
    }

    // ---------------------------------------------------------------- receiving

    /** The next message as UTF-8 text; in raw framing, whatever bytes arrive next. */
    public String receive() {
        return receive(this.timeout);
    }

    /** The next message as UTF-8 text, waiting at most {@code wait}. */
    public String receive(Duration wait) {
        return new String(receiveBytes(wait), StandardCharsets.UTF_8);
    }

    /** The next message's bytes; in raw framing, whatever bytes arrive next. */
    public byte[] receiveBytes() {
        return receiveBytes(this.timeout);
    }

    /**
     * The next message's bytes, waiting at most {@code wait}.
     *
     * @throws AssertionError when nothing arrives in time or the connection ends first
     */
    public byte[] receiveBytes(Duration wait) {
        byte[] message = read(wait, "a message");
        remember(message);
        return message;
    }

    /**
     * Asserts that the next messages are {@code expected}, in this order, each within the client's timeout. In
     * raw framing, each expected text is matched against exactly as many bytes, however the stream split them.
     *
     * @throws AssertionError showing what arrived instead
     */
    public AsyncoroTestClient expect(String... expected) {
        for (String text : expected) {
            byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
            byte[] actual = this.server.framing() == Framing.RAW ? readRaw(wanted)
                    : read(this.timeout, Printable.quote(text));
            if (!Arrays.equals(wanted, actual)) {
                throw failure("expected " + Printable.quote(text) + " but received " + Printable.quote(actual));
            }
            remember(actual);
        }
        return this;
    }

    /**
     * Asserts that the server ends the connection within the client's timeout, before sending anything more.
     * A reset counts as an end too.
     */
    public void expectClosed() {
        setTimeout(this.timeout);
        byte[] message;
        try {
            message = this.server.framing().read(this.socket, RAW_READ_SIZE);
        }
        catch (SocketTimeoutException ex) {
            throw failure("expected the server to close the connection but it was still open after " + this.timeout);
        }
        catch (IOException ex) {
            return; // reset or truncated: the server ended the connection, not cleanly
        }
        if (message != null) {
            throw failure("expected the server to close the connection but received " + Printable.quote(message));
        }
    }

    // ---------------------------------------------------------------- the connection

    /** The framing this client speaks. */
    public Framing framing() {
        return this.server.framing();
    }

    /** The server's address as this client reached it. */
    public InetSocketAddress remoteAddress() {
        return this.socket.remoteAddress();
    }

    /** The underlying socket, for what this client does not offer (half-closing, raw bytes in any framing). */
    public AsyncSocket socket() {
        return this.socket;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        this.socket.close();
    }

    @Override
    public String toString() {
        return "AsyncoroTestClient to " + this.server.describe();
    }

    // ---------------------------------------------------------------- internals

    private byte[] read(Duration wait, String awaited) {
        setTimeout(wait);
        byte[] message;
        try {
            message = this.server.framing().read(this.socket, RAW_READ_SIZE);
        }
        catch (SocketTimeoutException ex) {
            throw failure("expected " + awaited + " but nothing arrived within " + wait);
        }
        catch (IOException ex) {
            throw failure("expected " + awaited + " but the connection failed: " + ex, ex);
        }
        if (message == null) {
            throw failure("expected " + awaited + " but the server closed the connection");
        }
        return message;
    }

    /**
     * Reads as many raw bytes as {@code wanted} has, stopping early at the first byte that differs so that a
     * wrong reply fails at once instead of after the timeout.
     */
    private byte[] readRaw(byte[] wanted) {
        long deadline = System.nanoTime() + this.timeout.toNanos();
        byte[] got = new byte[wanted.length];
        int filled = 0;
        while (filled < wanted.length) {
            long left = deadline - System.nanoTime();
            String soFar = filled == 0 ? "nothing" : "only " + Printable.quote(Arrays.copyOf(got, filled));
            if (left <= 0) {
                throw failure("expected " + Printable.quote(wanted) + " but " + soFar + " arrived within " + this.timeout);
            }
            setTimeout(Duration.ofNanos(left));
            byte[] chunk;
            try {
                chunk = this.socket.recv(wanted.length - filled);
            }
            catch (SocketTimeoutException ex) {
                continue; // the deadline check above reports it
            }
            catch (IOException ex) {
                throw failure("expected " + Printable.quote(wanted) + " but " + soFar + " arrived before the connection failed: " + ex, ex);
            }
            if (chunk.length == 0) {
                throw failure("expected " + Printable.quote(wanted) + " but " + soFar + " arrived before the server closed the connection");
            }
            System.arraycopy(chunk, 0, got, filled, chunk.length);
            filled += chunk.length;
            if (!Arrays.equals(got, 0, filled, wanted, 0, filled)) {
                return Arrays.copyOf(got, filled);
            }
        }
        return got;
    }

    private void setTimeout(Duration wait) {
        // A zero timeout means none to the socket; a test must never wait forever.
        this.socket.setTimeout(wait.isZero() || wait.isNegative() ? Duration.ofNanos(1) : wait);
    }

    private void remember(byte[] message) {
        if (this.history.size() == HISTORY) {
            this.history.removeFirst();
        }
        this.history.addLast(message);
    }

    private AssertionError failure(String what) {
        return failure(what, null);
    }

    private AssertionError failure(String what, Throwable cause) {
        String before = this.history.isEmpty() ? "nothing received before"
                : "received before (oldest first): " + Printable.quoteAll(List.copyOf(this.history));
        return new AssertionError(this.server.describe() + ": " + what + "; " + before, cause);
    }

    /** Settings of a client before it connects. */
    public static final class Builder {

        private final ServerAddress server;
        private TlsClientConfig tls;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String host;

        private Builder(ServerAddress server) {
            this.server = server;
        }

        /** Speaks TLS, verifying the server as {@code config} says (for a test certificate, trust it in the config). */
        public Builder tls(TlsClientConfig config) {
            this.tls = Objects.requireNonNull(config, "config");
            return this;
        }

        /** How long a connect and each receive may wait; {@link #DEFAULT_TIMEOUT} unless set. */
        public Builder timeout(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + wait);
            }
            this.timeout = wait;
            return this;
        }

        /** Connects to this host instead (for example {@code localhost}, the name a test certificate has). */
        public Builder host(String name) {
            this.host = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Connects (and completes the TLS handshake).
         *
         * @throws IllegalStateException when the server speaks TLS and no {@link #tls} was given
         * @throws UncheckedIOException when the connection cannot be made
         */
        public AsyncoroTestClient connect() {
            ServerAddress target = new ServerAddress(this.server.name(),
                    this.host != null ? this.host : this.server.host(), this.server.port(), this.server.framing(),
                    this.server.tls() || this.tls != null);
            if (target.tls() && this.tls == null) {
                throw new IllegalStateException(target.describe() + " speaks TLS (asyncoro.servers." + target.name()
                        + ".ssl.enabled=true): pass a TlsClientConfig, for example "
                        + "AsyncoroTestClient.builder(environment, \"" + target.name() + "\").tls(config).connect()");
            }
            InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
            AsyncSocket socket;
            try {
                socket = this.tls != null ? AsyncSocket.connectTls(address, this.timeout, this.tls)
                        : AsyncSocket.connect(address, this.timeout);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("could not connect to " + target.describe() + ": " + ex.getMessage(), ex);
            }
            return new AsyncoroTestClient(socket, target, this.timeout);
        }
    }
}
