package io.asyncoro.spring.boot.autoconfigure.sendqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

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
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.connection.QueuedAsyncConnection;

/**
 * The send queue is bounded in bytes, Redis-style: a burst that readers work off is no reason to drop them,
 * while a reader that stops reading is dropped once its queue has stayed over the soft limit for the soft
 * period.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SendQueueLimitsTests {

    private static final int MEMBERS = 20;

    private static final int MESSAGES = 100;

    @Test
    void everyMemberGetsEveryMessageOfABurstOfTwentyMembersTimesAHundredMessages() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            int port = port(context);
            RecordingObserver observer = context.getBean(RecordingObserver.class);
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            List<AsyncSocket> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(connect(port));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == MEMBERS);

            AtomicIntegerArray received = new AtomicIntegerArray(MEMBERS);
            CountDownLatch allHeard = new CountDownLatch(MEMBERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                AsyncSocket member = members.get(i);
                int index = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (received.get(index) < (MEMBERS - 1) * MESSAGES && member.recvMsg() != null) {
                            received.incrementAndGet(index);
                        }
                        allHeard.countDown();
                    }
                    catch (IOException ex) {
                        // dropped: the count shows it
                    }
                }));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        for (int n = 0; n < MESSAGES; n++) {
                            member.sendMsg(("member " + index + " message " + n).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    catch (IOException | InterruptedException ex) {
                        // a dropped member stops sending: the counts show it
                    }
                }));
            }
            go.countDown();
            assertThat(allHeard.await(30, TimeUnit.SECONDS)).as("every member heard every other member").isTrue();
            for (int i = 0; i < MEMBERS; i++) {
                assertThat(received.get(i)).as("messages member %d received", i).isEqualTo((MEMBERS - 1) * MESSAGES);
            }
            assertThat(observer.rejected).isEmpty();
            for (AsyncSocket member : members) {
                member.close();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aReaderThatStopsReadingIsDroppedOnceItsQueueStaysOverTheSoftLimitForTheSoftPeriod() throws Exception {
        Duration softPeriod = Duration.ofSeconds(1);
        long softLimit = 64 * 1024;
        try (ConfigurableApplicationContext context = start("asyncoro.servers.room.send-queue.soft-limit=64KB",
                "asyncoro.servers.room.send-queue.soft-period=1s", "asyncoro.servers.room.send-queue.hard-limit=64MB")) {
            int port = port(context);
            RecordingObserver observer = context.getBean(RecordingObserver.class);
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            try (Socket stopped = new Socket()) {
                stopped.setReceiveBufferSize(4096);
                stopped.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == 1);
                QueuedAsyncConnection connection = (QueuedAsyncConnection) registry.connections("room").iterator().next();

                // A steady 1.6 MB/s it never reads: first the socket buffers fill, then its queue. A fixed-rate
                // timer keeps the pace; the broadcast that drops it is the one that sees the queue too long over.
                AtomicLong overSoftSince = new AtomicLong();
                AtomicLong droppedAt = new AtomicLong();
                CountDownLatch dropped = new CountDownLatch(1);
                ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
                try {
                    pace.scheduleAtFixedRate(() -> {
                        registry.broadcast("room", new byte[16 * 1024]);
                        long now = System.nanoTime();
                        if (overSoftSince.get() == 0 && connection.queuedBytes() > softLimit) {
                            overSoftSince.set(now);
                        }
                        if (!observer.rejected.isEmpty() && droppedAt.compareAndSet(0, now)) {
                            dropped.countDown();
                        }
                    }, 0, 10, TimeUnit.MILLISECONDS);
                    assertThat(dropped.await(30, TimeUnit.SECONDS)).as("dropped within 30 s").isTrue();
                }
                finally {
                    pace.shutdownNow();
                }
                long droppedAfter = droppedAt.get() - overSoftSince.get();
                assertThat(observer.rejected).containsExactly(RejectReason.SLOW_CONSUMER);
                assertThat(overSoftSince.get()).as("its queue went over the soft limit").isNotZero();
                assertThat(Duration.ofNanos(droppedAfter)).as("time over the soft limit before the drop")
                    .isBetween(softPeriod.minusMillis(50), softPeriod.plusSeconds(2));
                assertThat(connection.queuedBytes()).isLessThan(64L << 20);
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.count("room") == 0);
            }
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off",
                "asyncoro.servers.room.address=127.0.0.1", "asyncoro.servers.room.port=0", "asyncoro.servers.room.shutdown-grace-period=1s"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties(all.toArray(String[]::new)).run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.asyncoro.servers.room.port", Integer.class);
    }

    private static AsyncSocket connect(int port) throws IOException {
        AsyncSocket socket = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(10));
        socket.setTimeout(Duration.ofSeconds(20));
        return socket;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    @Import(RecordingObserverConfiguration.class)
    static class App {

        @Bean
        ChatController chatController(ConnectionRegistry connections) {
            return new ChatController(connections);
        }
    }

    /** Relays each message to every other member, as a chat room does. */
    @SocketController("room")
    static class ChatController {

        private final ConnectionRegistry connections;

        ChatController(ConnectionRegistry connections) {
            this.connections = connections;
        }

        @OnMessage
        void said(byte[] message, AsyncConnection from) {
            this.connections.broadcast("room", message, other -> other != from);
        }
    }
}
