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
 * The {@code client-pool} scenario, run by hand: {@code ClientPoolProbe <port> <callers> <pool> <seconds>
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

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int callers = Integer.parseInt(args[1]);
        int pool = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        if (port == 0) {
            port = new LibraryEchoServer().listen(true, null);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        ClientSettings settings = ClientSettings.of("bench", server);
        settings = new ClientSettings("bench", settings.addresses(), settings.framing(), null,
                settings.connectTimeout(), TIMEOUT, settings.maxMessageSize(), pool, settings.poolMaxIdleTime(),
                settings.reconnect());
        try (AsyncoroClientTemplate asyncoro = new AsyncoroClientTemplate(settings, PayloadConverters.builtIn(),
                ClientObserver.NONE)) {
            report("asyncoro", run(m -> asyncoro.request(m, TIMEOUT), callers, seconds, size));
        }
        try (NettyPooledClient netty = new NettyPooledClient(server, pool)) {
            report("netty", run(m -> netty.request(m, TIMEOUT), callers, seconds, size));
        }
    }

    private static Result run(RoundTrip client, int callers, long seconds, int size) throws Exception {
        // A short warm-up with the same load, then the measured window.
        measure(client, callers, Math.max(1, seconds / 3), size);
        return measure(client, callers, seconds, size);
    }

    private static Result measure(RoundTrip client, int callers, long seconds, int size) throws Exception {
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
        return new Result(completed.get() * 1e9 / elapsed, failed.get(), latencies.getIntervalHistogram());
    }

    private static void report(String name, Result result) {
        Histogram h = result.latency();
        System.out.printf("%-8s requests/s %.0f  p50 %.1f us  p99 %.1f us  p99.9 %.1f us  failed %d%n", name,
                result.perSecond(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, result.failed());
    }

    private record Result(double perSecond, long failed, Histogram latency) {
    }
}
