package io.asyncoro.bench.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.connection.ConnectionRegistry;
import redis.embedded.RedisServer;

/**
 * Cross-node fan-out: two nodes of {@link FanOutApplication} (in this JVM) joined by the cluster bus on one Redis,
 * N members on each; members take turns sending a timestamped message at a fixed total rate, and every other
 * member receives it. Prints the deliveries and the latency from send to receipt, for receivers on the sender's
 * node (direct) and on the other node (through Redis Streams). Bounded: a fixed number of messages, then a drain of
 * at most 30 s.
 *
 * <pre>
 * java -cp ... io.asyncoro.bench.cluster.ClusterFanOut [--members 100] [--messages 10] [--rate 200]
 *      [--redis-port P]   (a running Redis on 127.0.0.1; without it an embedded Redis 6.2 is started)
 * </pre>
 */
public final class ClusterFanOut {

    private ClusterFanOut() {
    }

    public static void main(String[] args) throws Exception {
        int members = intOption(args, "--members", 100);
        int messages = intOption(args, "--messages", 10);
        int rate = intOption(args, "--rate", 200);
        int redisPort = intOption(args, "--redis-port", -1);
        RedisServer embedded = null;
        if (redisPort < 0) {
            redisPort = freePort();
            embedded = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("dir " + Files.createTempDirectory("fanout-redis")).build();
            embedded.start();
        }
        try (ConfigurableApplicationContext a = node(redisPort); ConfigurableApplicationContext b = node(redisPort)) {
            run(a, b, members, messages, rate);
        }
        finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext a, ConfigurableApplicationContext b, int members,
            int messages, int rate) throws Exception {
        int portA = port(a);
        int portB = port(b);
        Histogram direct = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        Histogram crossNode = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong delivered = new AtomicLong();
        List<AsyncSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 2 * members; i++) {
            boolean onA = i % 2 == 0;
            AsyncSocket socket = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", onA ? portA : portB),
                    Duration.ofSeconds(10));
            sockets.add(socket);
            Thread.ofVirtual().start(() -> readAll(socket, onA, direct, crossNode, delivered));
        }
        // Both nodes must see every member (their heartbeats say so) before the first message.
        long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((registry(a).clusterCount("fanout") < sockets.size() || registry(b).clusterCount("fanout") < sockets.size())
                && System.nanoTime() < ready) {
            Thread.sleep(100);
        }
        long total = (long) messages * sockets.size();
        long expected = total * (sockets.size() - 1);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int sender = (int) (n % sockets.size());
            ByteBuffer message = ByteBuffer.allocate(9).putLong(System.nanoTime()).put((byte) (sender % 2));
            sockets.get(sender).sendMsg(message.array());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        sockets.forEach(AsyncSocket::close);
        System.out.printf("cluster fan-out: 2 nodes x %d members, %d messages at %d/s: %d of %d deliveries%n",
                members, total, rate, delivered.get(), expected);
        print("same node ", direct);
        print("other node", crossNode);
    }

    private static void readAll(AsyncSocket socket, boolean onA, Histogram direct, Histogram crossNode,
            AtomicLong delivered) {
        try {
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                long latency = System.nanoTime() - ByteBuffer.wrap(message).getLong();
                boolean senderOnA = message[8] == 0;
                Histogram histogram = (senderOnA == onA) ? direct : crossNode;
                synchronized (histogram) {
                    histogram.recordValue(Math.max(0, latency));
                }
                delivered.incrementAndGet();
            }
        }
        catch (IOException ex) {
            // closed at the end of the run
        }
    }

    private static void print(String label, Histogram histogram) {
        synchronized (histogram) {
            System.out.printf("  %s: %d deliveries, latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    label, histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                    ms(histogram.getMaxValue()));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static ConfigurableApplicationContext node(int redisPort) {
        return new SpringApplicationBuilder(FanOutApplication.class).run("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--asyncoro.servers.fanout.port=0",
                "--asyncoro.servers.fanout.address=127.0.0.1", "--asyncoro.servers.fanout.framing=message",
                "--asyncoro.cluster.enabled=true", "--asyncoro.cluster.name=fanout-bench",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--spring.autoconfigure.exclude="
                        + "io.asyncoro.spring.boot.autoconfigure.metrics.AsyncoroMetricsAutoConfiguration");
    }

    private static ConnectionRegistry registry(ConfigurableApplicationContext context) {
        return context.getBean(ConnectionRegistry.class);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.asyncoro.servers.fanout.port"));
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
