package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/**
 * Closing the context stops accepting at once, lets the messages in flight be answered within the grace period,
 * and never waits past it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulShutdownTests {

    private static final int CLIENTS = 3;

    @Test
    void messagesInFlightAreAnsweredAndNewConnectionsRefused() throws Exception {
        List<Thread> otherKeepAlives = keepAliveThreads();
        ConfigurableApplicationContext context = start("20s");
        SlowController controller = context.getBean(SlowController.class);
        int port = context.getEnvironment().getProperty("local.asyncoro.servers.work.port", Integer.class);
        List<AsyncSocket> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            AsyncSocket client = TestClients.connect(port);
            client.sendMsg(TestClients.utf8("job " + i));
            clients.add(client);
        }
        assertThat(controller.working.tryAcquire(CLIENTS, 10, TimeUnit.SECONDS)).isTrue();

        // While servers run, a non-daemon thread keeps the JVM alive, as Boot's web servers do.
        List<Thread> ours = new ArrayList<>(keepAliveThreads());
        ours.removeAll(otherKeepAlives);
        assertThat(ours).singleElement().satisfies(t -> assertThat(t.isDaemon()).isFalse());

        Thread closer = Thread.ofPlatform().start(context::close);
        // Stopping begins by closing the listener: newcomers are refused while the jobs are still running.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
            .isThrownBy(() -> TestClients.connect(port).close()));
        assertThat(closer.isAlive()).isTrue();

        controller.finish.countDown();
        for (int i = 0; i < CLIENTS; i++) {
            AsyncSocket client = clients.get(i);
            assertThat(TestClients.text(client.recvMsg())).isEqualTo("done: job " + i);
            // then the server ends the connection
            assertThat(client.recvMsg()).isNull();
            client.close();
        }
        closer.join(Duration.ofSeconds(15));
        assertThat(closer.isAlive()).isFalse();
        assertThat(context.isActive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ours.get(0).isAlive());
    }

    private static List<Thread> keepAliveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("asyncoro-keep-alive") && t.isAlive())
            .toList();
    }

    @Test
    void aHandlerThatNeverFinishesDoesNotHoldTheShutdownPastTheGracePeriod() throws Exception {
        ConfigurableApplicationContext context = start("1s");
        SlowController controller = context.getBean(SlowController.class);
        int port = context.getEnvironment().getProperty("local.asyncoro.servers.work.port", Integer.class);
        try (AsyncSocket client = TestClients.connect(port)) {
            client.sendMsg(TestClients.utf8("forever"));
            assertThat(controller.working.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The grace period (1 s), the core's short wait for terminated coroutines and the scheduler's
            // shutdown timeout (1 s) bound it; the handler alone would wait 60 s.
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(controller.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(endOfStream(client)).isTrue();
        }
    }

    private static boolean endOfStream(AsyncSocket client) {
        try {
            return client.recvMsg() == null;
        }
        catch (IOException ex) {
            return true;
        }
    }

    private static ConfigurableApplicationContext start(String grace) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("asyncoro.servers.work.port=0", "asyncoro.servers.work.address=127.0.0.1",
                    "asyncoro.servers.work.shutdown-grace-period=" + grace, "asyncoro.scheduler.shutdown-timeout=1s")
            .run();
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    static class App {

        @Bean
        SlowController slowController() {
            return new SlowController();
        }
    }

    @SocketController("work")
    static class SlowController {

        final Semaphore working = new Semaphore(0);

        final CountDownLatch finish = new CountDownLatch(1);

        final CountDownLatch interrupted = new CountDownLatch(1);

        @OnMessage
        String work(String job) throws InterruptedException {
            this.working.release();
            try {
                if (!this.finish.await("forever".equals(job) ? 60 : 30, TimeUnit.SECONDS)) {
                    return "gave up: " + job;
                }
            }
            catch (InterruptedException ex) {
                this.interrupted.countDown();
                throw ex;
            }
            return "done: " + job;
        }
    }
}
