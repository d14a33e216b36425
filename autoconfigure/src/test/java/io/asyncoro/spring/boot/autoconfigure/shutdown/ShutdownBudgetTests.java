package io.asyncoro.spring.boot.autoconfigure.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.server.AsyncoroServersLifecycle;

/**
 * Closing the context fits the shutdown budget: socket servers drain in the same phase as the web server's
 * graceful shutdown, in parallel with it, and no grace period outlasts
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShutdownBudgetTests {

    private static final Duration WORK = Duration.ofSeconds(3);

    @Test
    void serversStopInTheWebServersGracefulShutdownPhase() {
        assertThat(AsyncoroServersLifecycle.PHASE).isEqualTo(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
    }

    @Test
    void theSocketServersGracePeriodRunsWhileTheWebServerDrains() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApp.class)
            .web(WebApplicationType.SERVLET)
            .properties("spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
                    "server.shutdown=graceful", "asyncoro.servers.work.address=127.0.0.1", "asyncoro.servers.work.port=0",
                    "asyncoro.servers.work.shutdown-grace-period=" + WORK.toSeconds() + "s")
            .run();
        WorkController work = context.getBean(WorkController.class);
        int httpPort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        int socketPort = context.getEnvironment().getRequiredProperty("local.asyncoro.servers.work.port", Integer.class);
        try (HttpClient http = HttpClient.newHttpClient();
                AsyncSocket client = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", socketPort),
                        Duration.ofSeconds(10))) {
            client.setTimeout(Duration.ofSeconds(30));
            CompletableFuture<HttpResponse<String>> response = http.sendAsync(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/slow")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            client.sendMsg("forever".getBytes(StandardCharsets.UTF_8));
            assertThat(work.httpStarted.await(10, TimeUnit.SECONDS)).as("the HTTP request is in flight").isTrue();
            assertThat(work.socketStarted.await(10, TimeUnit.SECONDS)).as("the socket request is in flight").isTrue();

            long start = System.nanoTime();
            context.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.get(10, TimeUnit.SECONDS).body()).isEqualTo("done: http");
            assertThat(client.recvMsg()).as("the unfinished job's connection was closed").isNull();
            // The web drain (one unit of work) then the socket grace period (one more) would take two units, and
            // here more, as the request waits for the socket stop; in parallel, about one.
            assertThat(took).isLessThan(WORK.multipliedBy(2).minusMillis(500));
        }
    }

    @Test
    void noGracePeriodOutlastsTheShutdownPhaseTimeout() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApp.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "spring.lifecycle.timeout-per-shutdown-phase=1s",
                    "asyncoro.scheduler.shutdown-timeout=1s", "asyncoro.servers.work.address=127.0.0.1", "asyncoro.servers.work.port=0",
                    "asyncoro.servers.work.shutdown-grace-period=30s")
            .run();
        WorkController work = context.getBean(WorkController.class);
        int socketPort = context.getEnvironment().getRequiredProperty("local.asyncoro.servers.work.port", Integer.class);
        try (AsyncSocket client = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", socketPort),
                Duration.ofSeconds(10))) {
            client.sendMsg("forever".getBytes(StandardCharsets.UTF_8));
            assertThat(work.socketStarted.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The phase timeout (1 s) and the scheduler's shutdown timeout (1 s) bound it, not the 30 s grace.
            assertThat(took).isLessThan(Duration.ofSeconds(8));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(WorkController.class)
    static class WebApp {
    }

    /**
     * A socket handler taking a minute, which only the stop at the end of the grace period ({@link #WORK}) ends,
     * and a slow HTTP endpoint that lasts until then.
     */
    @RestController
    @SocketController("work")
    static class WorkController {

        final CountDownLatch httpStarted = new CountDownLatch(1);

        final CountDownLatch socketStarted = new CountDownLatch(1);

        final CountDownLatch socketStopped = new CountDownLatch(1);

        @GetMapping("/slow")
        String slow() throws InterruptedException {
            this.httpStarted.countDown();
            // Work that lasts until the socket server's grace period is over, which the web server's graceful
            // shutdown must let finish: it can only if the two overlap, not if the sockets wait for the web.
            if (!this.socketStopped.await(30, TimeUnit.SECONDS)) {
                return "the socket handler was never stopped";
            }
            return "done: http";
        }

        @OnMessage
        String work(String job) throws InterruptedException {
            this.socketStarted.countDown();
            try {
                // Work that outlasts any grace period: only the stop's interrupt ends it.
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            }
            finally {
                this.socketStopped.countDown();
            }
            return "done: " + job;
        }
    }
}
