package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.testsupport.RecordingObserver;

/**
 * 10,000 connections open at once through one {@link AsyncSocketServer}, each echoing a few framed messages:
 * nothing lost, nothing mixed up, nothing refused. Loopback only; the clients run on virtual threads in a
 * forked JVM (each process then holds about 10,000 descriptors, under the 20,000 limit of this machine).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TenThousandConnectionsTest {

    private static final int CONNECTIONS = 10_000;
    private static final int MESSAGES = 3;

    @Test
    void tenThousandConcurrentConnectionsEchoWithNothingLost() throws Exception {
        // The JVM raises its soft descriptor limit to the hard one at start; each process here needs about
        // CONNECTIONS plus its own files.
        assertThat(openFileLimit()).as("'Max open files' of this JVM (raise the hard limit: ulimit -Hn)")
                .isGreaterThanOrEqualTo(CONNECTIONS + 500L);
        RecordingObserver observer = new RecordingObserver();
        AsynCoro asyncoro = new AsynCoro("load-server");
        AsyncSocketServer server = AsyncSocketServer.builder().name("load").address(InetAddress.getLoopbackAddress())
                .backlog(4096).maxConnections(CONNECTIONS).asyncoro(asyncoro).observer(observer).handler(sock -> {
                    // A greeting first: a client counts itself open once its handler runs.
                    sock.sendMsg(new byte[0]);
                    byte[] m;
                    while ((m = sock.recvMsg()) != null) {
                        sock.sendMsg(m);
                    }
                }).build();
        server.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Process clients = null;
        try {
            String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            clients = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, LoadClientMain.class.getName(),
                    String.valueOf(server.localPort()), String.valueOf(CONNECTIONS), String.valueOf(MESSAGES))
                    .redirectErrorStream(true).start();
            Process process = clients;
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        output.add(line);
                    }
                }
                catch (java.io.IOException ignored) {
                    // the client process ended
                }
            });
            assertThat(clients.waitFor(150, TimeUnit.SECONDS)).as("the clients finish; output %s", output).isTrue();
            reader.join(Duration.ofSeconds(5));
            assertThat(clients.exitValue()).as("client exit code; output %s", output).isZero();
            assertThat(output).contains("ALL_OPEN");
            assertThat(output).anyMatch(l -> l.startsWith("RESULT ok=" + CONNECTIONS + " failed=0 echoed="
                    + (long) CONNECTIONS * MESSAGES));

            await().atMost(Duration.ofSeconds(30)).until(() -> observer.closed.get() == CONNECTIONS);
            assertThat(observer.peakOpen.get()).as("all served at once").isEqualTo(CONNECTIONS);
            assertThat(observer.opened.get()).isEqualTo(CONNECTIONS);
            assertThat(observer.messagesReceived.get()).isEqualTo((long) CONNECTIONS * MESSAGES);
            assertThat(observer.messagesSent.get()).as("echoes and greetings").isEqualTo((long) CONNECTIONS * (MESSAGES + 1));
            assertThat(observer.bytesSent.get()).as("echoes and 4-byte greetings")
                    .isEqualTo(observer.bytesReceived.get() + 4L * CONNECTIONS);
            assertThat(observer.rejected(RejectReason.MAX_CONNECTIONS)).isZero();
            assertThat(observer.allErrors()).as("errors: %s", observer.errors()).isZero();
            assertThat(server.activeConnections()).isZero();
        }
        finally {
            if (clients != null && clients.isAlive()) {
                clients.destroyForcibly();
            }
            server.stop(Duration.ofSeconds(5));
            asyncoro.close(Duration.ofSeconds(5));
        }
    }

    private static long openFileLimit() throws java.io.IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return Long.MAX_VALUE; // not Linux: let the run itself tell
        }
        return Files.readAllLines(limits).stream().filter(l -> l.startsWith("Max open files"))
                .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                .mapToLong(v -> v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v)).findFirst().orElse(Long.MAX_VALUE);
    }
}
