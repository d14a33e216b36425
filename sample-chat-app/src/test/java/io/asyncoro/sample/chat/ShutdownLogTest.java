package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample run as a process of its own and stopped with SIGTERM logs its servers' stop lines: core's
 * {@code System.Logger} goes straight to SLF4J, so the JDK's logging shutdown hook, which resets
 * java.util.logging while Spring is still stopping the servers, cannot swallow them.
 */
class ShutdownLogTest {

    @Test
    @Timeout(120)
    void sigtermLogsEachServersStopLine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ChatApplication.class.getName(), "--server.port=0",
                "--server.address=127.0.0.1", "--asyncoro.servers.chat.port=0",
                "--asyncoro.servers.chat.address=127.0.0.1", "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.contains("Started ChatApplication")) {
                        started.countDown();
                    }
                }
            }
            catch (IOException ex) {
                // the process ended
            }
        });
        try {
            assertThat(started.await(60, TimeUnit.SECONDS)).as("the sample started; it said:%n%s",
                    String.join("\n", lines)).isTrue();
            assertThat(lines).anyMatch(line -> line.contains("[chat] listening on"));
            // SIGTERM, as a container runtime sends it; through the handle, since Process.destroy() also closes
            // the pipes, and the lines written after it would be lost here rather than in the sample.
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the sample exited").isTrue();
            pump.join(Duration.ofSeconds(10));
            assertThat(lines).as("its output after SIGTERM").anyMatch(line -> line.contains("[chat] stopped"));
        }
        finally {
            process.destroyForcibly();
        }
    }
}
