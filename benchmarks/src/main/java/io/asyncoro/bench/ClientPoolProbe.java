package io.asyncoro.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.asyncoro.spring.client.ClientObserver;
import io.asyncoro.spring.client.ClientSettings;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * Request round trips through a client's pool: the runner's {@code client-request-100on8} scenario uses
 * {@link #open} and {@link #measure}; by hand, {@code ClientPoolProbe <port> <callers> <pool> <seconds>
 * [size]} has {@code callers} virtual threads make {@code request} round trips (framed echo, {@code size}
 * bytes, default 64) through a pool of {@code pool} connections, first with {@link AsyncoroClientTemplate},
 * then with Netty's {@code FixedChannelPool} ({@link NettyPooledClient}), and prints requests per second and
 * latency percentiles for each. The server is any framed echo server (for example one started by
 * {@code ServerMain}); port 0 starts asyncoro's own in this JVM, for a quick look only, since it then shares
 * the CPU with the clients. The case is {@code 100 8}.
 */
public final class ClientPoolProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClientPoolProbe() {
    }

    /** A client under test: one blocking round trip. */
    @FunctionalInterface
    interface RoundTrip {
        byte[] request(byte[] message) throws Exception;
    }

    /** A client under test with the connections it holds. */
    interface Client extends RoundTrip, AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens {@code impl}'s client ({@code client-asyncoro}: {@link AsyncoroClientTemplate}; {@code client-netty}:
     * {@link NettyPooledClient}) with a pool of {@code pool} connections to {@code server}'s framed echo.
     */
    static Client open(String impl, InetSocketAddress server, int pool) {
        return switch (impl) {
            case Bench.CLIENT_ASYNCORO -> {
                AsyncoroClientTemplate template = asyncoro(server, pool);
                yield new Client() {
                    @Override
                    public byte[] request(byte[] message) {
                        return template.request(message, TIMEOUT);
                    }

                    @Override
                    public void close() {
                        template.close();
                    }
                };
            }
            case Bench.CLIENT_NETTY -> {
                NettyPooledClient netty = new NettyPooledClient(server, pool);
                yield new Client() {
                    @Override
                    public byte[] request(byte[] message) throws Exception {
                        return netty.request(message, TIMEOUT);
                    }

                    @Override
                    public void close() {
                        netty.close();
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown client " + impl);
        };
    }

    private static AsyncoroClientTemplate asyncoro(InetSocketAddress server, int pool) {
        ClientSettings settings = ClientSettings.of("bench", server);
        settings = new ClientSettings("bench", settings.addresses(), settings.framing(), null,
                settings.connectTimeout(), TIMEOUT, settings.maxMessageSize(), pool, settings.poolMaxIdleTime(),
                settings.reconnect());
        return new AsyncoroClientTemplate(settings, PayloadConverters.builtIn(), ClientObserver.NONE);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int callers = Integer.parseInt(args[1]);
        int pool = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        if (port == 0) {
            port = new LibraryEchoServer(io.asyncoro.net.TlsProvider.JDK).listen(true, null);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try (Client asyncoro = open(Bench.CLIENT_ASYNCORO, server, pool)) {
            report("asyncoro", run(asyncoro, callers, seconds, size));
        }
        try (Client netty = open(Bench.CLIENT_NETTY, server, pool)) {
            report("netty", run(netty, callers, seconds, size));
        }
    }

    private static Result run(RoundTrip client, int callers, long seconds, int size) throws Exception {
        // A short warm-up with the same load, then the measured window.
        measure(client, callers, Math.max(1, seconds / 3), size);
        return measure(client, callers, seconds, size);
    }

    /** {@code callers} virtual threads making round trips for {@code seconds}; what completed in that time. */
    static Result measure(RoundTrip client, int callers, long seconds, int size) throws Exception {
        Recorder latencies = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            byte[] message = new byte[size];
            new Random(i).nextBytes(message);
            threads.add(Thread.ofVirtual().name("caller-" + i).start(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        byte[] reply = client.request(message);
                        if (reply.length != message.length) {
                            throw new IllegalStateException("reply of " + reply.length + " bytes");
                        }
                        latencies.recordValue(System.nanoTime() - start);
                        completed.incrementAndGet();
                    }
                    catch (Exception ex) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds));
        running.set(false);
        long elapsed = System.nanoTime() - start;
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(completed.get() * 1e9 / elapsed, completed.get(), failed.get(),
                latencies.getIntervalHistogram());
    }

    private static void report(String name, Result result) {
        Histogram h = result.latency();
        System.out.printf("%-8s requests/s %.0f  p50 %.1f us  p99 %.1f us  p99.9 %.1f us  failed %d%n", name,
                result.perSecond(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, result.failed());
    }

    /** Requests per second, how many completed and failed, and their latencies (ns). */
    record Result(double perSecond, long completed, long failed, Histogram latency) {
    }
}
