package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.RejectReason;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.boot.autoconfigure.testsupport.RecordingObserver;
import io.asyncoro.spring.boot.autoconfigure.testsupport.RecordingObserverConfiguration;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * A peer that never reads must not hold up a broadcast to the others: its messages pile up in its own bounded
 * queue until that overflows, and then it is dropped (and counted as a slow consumer).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowConsumerTests {

    private static final int FAST_CLIENTS = 50;

    private static final int MAX_ROUNDS = 2_000;

    @Test
    void aReaderThatNeverReadsIsDroppedWithoutDelayingTheBroadcastToFiftyOthers() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("asyncoro.servers.room.port=0", "asyncoro.servers.room.address=127.0.0.1",
                    "asyncoro.servers.room.send-queue-capacity=8", "asyncoro.servers.room.shutdown-grace-period=2s")
            .run()) {
            int port = context.getEnvironment().getProperty("local.asyncoro.servers.room.port", Integer.class);
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            RecordingObserver observer = context.getBean(RecordingObserver.class);

            // The slow peer: a tiny receive buffer, and it never reads.
            Socket slow = new Socket();
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == 1);

            Semaphore delivered = new Semaphore(0);
            AtomicInteger failures = new AtomicInteger();
            List<AsyncSocket> fast = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            List<Integer> received = new CopyOnWriteArrayList<>();
            for (int i = 0; i < FAST_CLIENTS; i++) {
                AsyncSocket client = TestClients.connect(port);
                fast.add(client);
                int index = i;
                received.add(0);
                readers.add(Thread.ofVirtual().start(() -> {
                    try {
                        int n = 0;
                        byte[] m;
                        while ((m = client.recvMsg()) != null) {
                            if (m.length != 64 * 1024 || m[0] != (byte) n) {
                                failures.incrementAndGet();
                            }
                            n++;
                            received.set(index, n);
                            delivered.release();
                        }
                    }
                    catch (IOException ex) {
                        // closed at the end of the test
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == FAST_CLIENTS + 1);

            // Broadcast rounds of 64 KiB until the slow peer is dropped; each round reaches all 50 fast peers
            // before the next, so it is only the slow peer's queue that fills.
            int rounds = 0;
            while (observer.rejected.isEmpty() && rounds < MAX_ROUNDS) {
                byte[] payload = new byte[64 * 1024];
                payload[0] = (byte) rounds;
                registry.broadcast("room", payload);
                rounds++;
                assertThat(delivered.tryAcquire(FAST_CLIENTS, 10, TimeUnit.SECONDS))
                    .as("round %d reached every fast reader", rounds).isTrue();
            }

            assertThat(observer.rejected).containsExactly(RejectReason.SLOW_CONSUMER);
            assertThat(rounds).isLessThan(MAX_ROUNDS);
            assertThat(failures).hasValue(0);
            assertThat(received).containsOnly(rounds);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == FAST_CLIENTS);
            // The slow peer's connection was closed by the server: after what was buffered, the stream ends.
            assertThat(drainToEnd(slow)).isTrue();

            // The others carry on.
            registry.broadcast("room", new byte[64 * 1024]);
            assertThat(delivered.tryAcquire(FAST_CLIENTS, 10, TimeUnit.SECONDS)).isTrue();
            for (AsyncSocket client : fast) {
                client.close();
            }
            for (Thread reader : readers) {
                reader.join(Duration.ofSeconds(10));
            }
            slow.close();
        }
    }

    private static boolean drainToEnd(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(10_000);
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // discard what the server had already sent before dropping it
            }
            return true;
        }
        catch (IOException ex) {
            // a reset also ends it
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    @Import(RecordingObserverConfiguration.class)
    static class App {

        @Bean
        RoomController roomController() {
            return new RoomController();
        }
    }

    @SocketController("room")
    static class RoomController {

        @OnMessage
        void ignored(byte[] message) {
        }
    }
}
