package io.asyncoro.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.AsynCoro;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * The soak: a Boot application on the starter serves {@code soak.connections} concurrent connections (1,000 by
 * default; 10,000 with {@code -Psoak}) exchanging checksummed messages for {@code soak.seconds} (10; 60 with
 * {@code -Psoak}). The clients run in a separate JVM ({@link SoakClient}) so each process holds only its own
 * sockets under the 20,000 open-file limit. Nothing may be lost or corrupted, and once the application is closed
 * the server process must be back to its file-descriptor and platform-thread counts from before the run.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SoakTest {

    private static final int CONNECTIONS = Integer.getInteger("soak.connections", 1_000);
    private static final long SECONDS = Long.getLong("soak.seconds", 10);
    private static final int MAX_BODY = Integer.getInteger("soak.max-body", 512);

    /** Descriptors and threads the JVM may open or end on its own between two counts (JIT, GC, class loading). */
    private static final int FD_SLACK = 8;
    private static final int THREAD_SLACK = 4;

    @Test
    void noMessageLostOrCorruptedAndNothingLeaked() throws Exception {
        // A small first round opens what lives for the whole JVM (the virtual-thread scheduler and its pollers,
        // the write watchdog's timer, logging, loaded jars), so the baseline below counts only what a run adds.
        Round warmUp = round(20, 1);
        assertThat(warmUp.result().get("answered")).isPositive();
        awaitQuiet();
        long fdsBefore = openFileDescriptors();
        int threadsBefore = platformThreads();

        Round soak = round(CONNECTIONS, SECONDS);

        Map<String, Long> r = soak.result();
        System.out.println("[soak] " + CONNECTIONS + " connections for " + SECONDS + " s: " + soak.line());
        System.out.println("[soak] server observer: " + soak.server());
        System.out.println("[soak] peak open connections " + soak.peakActive() + ", peak descriptors " + soak.peakFds());
        assertThat(r.get("connections")).isEqualTo(CONNECTIONS);
        assertThat(r.get("failedConnects")).as("connections refused").isZero();
        assertThat(r.get("failedConnections")).as("connections that failed").isZero();
        assertThat(r.get("lost")).as("messages lost").isZero();
        assertThat(r.get("corrupted")).as("messages corrupted").isZero();
        assertThat(r.get("mismatched")).as("echoes of another message").isZero();
        assertThat(r.get("uncleanEnds")).as("connections without a clean end").isZero();
        assertThat(r.get("answered")).as("every message sent was answered").isEqualTo(r.get("sent")).isPositive();
        assertThat(soak.corruptedAtServer()).isZero();
        assertThat(soak.server().opened()).isEqualTo(CONNECTIONS);
        assertThat(soak.server().messagesReceived()).isEqualTo(r.get("sent"));
        assertThat(soak.server().messagesSent()).isEqualTo(r.get("sent"));
        assertThat(soak.server().totalErrors()).as("server-side errors").isZero();
        assertThat(soak.server().errors(ErrorKind.HANDLER)).isZero();
        assertThat(soak.coroutinesAfterClose()).as("coroutines left after the application closed").isZero();
        assertThat(soak.peakActive()).as("connections open at once on the server").isEqualTo(CONNECTIONS);
        assertThat(soak.peakFds()).as("server descriptors at the peak").isGreaterThanOrEqualTo(CONNECTIONS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(openFileDescriptors()).as("open file descriptors (before: %d)", fdsBefore)
                    .isLessThanOrEqualTo(fdsBefore + FD_SLACK);
            assertThat(platformThreads()).as("platform threads (before: %d)", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
        });
        System.out.println("[soak] fds before " + fdsBefore + ", after " + openFileDescriptors() + "; platform threads before "
                + threadsBefore + ", after " + platformThreads());
    }

    private Round round(int connections, long seconds) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SoakServerApplication.class)
                .properties("spring.main.banner-mode=off",
                        "logging.level.root=warn",
                        "asyncoro.servers.soak.address=127.0.0.1",
                        "asyncoro.servers.soak.port=0",
                        "asyncoro.servers.soak.max-connections=" + (connections + 100),
                        "asyncoro.servers.soak.backlog=1024",
                        "asyncoro.servers.soak.idle-timeout=60s",
                        "asyncoro.servers.soak.shutdown-grace-period=10s")
                .run();
        AsynCoro asyncoro;
        CountingObserver server;
        long corruptedAtServer;
        int peakActive;
        long peakFds;
        Map<String, Long> result;
        String line;
        try {
            int port = context.getEnvironment().getRequiredProperty("local.asyncoro.servers.soak.port", Integer.class);
            asyncoro = context.getBean(AsynCoro.class);
            server = context.getBean(CountingObserver.class);
            AsyncoroServers servers = context.getBean(AsyncoroServers.class);
            Peaks peaks = Peaks.sample(() -> servers.find("soak").map(AsyncSocketServerInfo::activeConnections).orElse(0));
            try {
                line = runClient(port, connections, seconds);
            }
            finally {
                peaks.stop();
            }
            peakActive = peaks.active;
            peakFds = peaks.fds;
            result = parse(line);
            corruptedAtServer = context.getBean(SoakServerApplication.CorruptionCounter.class).corrupted();
        }
        finally {
            context.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> asyncoro.activeCount() == 0);
        return new Round(line, result, server, corruptedAtServer, asyncoro.activeCount(), peakActive, peakFds);
    }

    private static String runClient(int port, int connections, long seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process client = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SoakClient.class.getName(), Integer.toString(port), Integer.toString(connections), Long.toString(seconds),
                Integer.toString(MAX_BODY))
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = Thread.ofPlatform().daemon().name("soak-client-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    output.add(l);
                }
            }
            catch (IOException ignored) {
                // the process ended
            }
        });
        // The run itself, plus time to ramp up and down: generous, but bounded.
        boolean ended = client.waitFor(seconds + 240, TimeUnit.SECONDS);
        if (!ended) {
            client.destroyForcibly();
        }
        pump.join(10_000);
        assertThat(ended).as("the soak client finished; its output: %s", output).isTrue();
        assertThat(client.exitValue()).as("soak client exit code; output: %s", output).isZero();
        output.stream().filter(l -> l.startsWith("SOAK-FAILURE")).forEach(System.out::println);
        return output.stream().filter(l -> l.startsWith("SOAK-RESULT")).findFirst()
                .orElseThrow(() -> new AssertionError("no SOAK-RESULT line in " + output));
    }

    private static Map<String, Long> parse(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String field : line.substring("SOAK-RESULT ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            values.put(kv[0], (long) Double.parseDouble(kv[1]));
        }
        return values;
    }

    private static void awaitQuiet() {
        // Let connections from the warm-up finish closing before counting.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long a = openFileDescriptors();
            return a == openFileDescriptors();
        });
    }

    static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private record Round(String line, Map<String, Long> result, CountingObserver server, long corruptedAtServer,
            int coroutinesAfterClose, int peakActive, long peakFds) {
    }

    /** Samples the server's open connections and the process's descriptors every 100 ms while the client runs. */
    private static final class Peaks {

        private final java.util.concurrent.ScheduledExecutorService sampler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        volatile int active;
        volatile long fds;

        private Peaks(java.util.function.IntSupplier activeConnections) {
            sampler.scheduleAtFixedRate(() -> {
                active = Math.max(active, activeConnections.getAsInt());
                try {
                    fds = Math.max(fds, openFileDescriptors());
                }
                catch (IOException ignored) {
                    // /proc is always there on Linux; a failed sample is just skipped
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        static Peaks sample(java.util.function.IntSupplier activeConnections) {
            return new Peaks(activeConnections);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
