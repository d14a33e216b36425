package io.asyncoro.spring.boot.autoconfigure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.codec.FramingException;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.connection.ConnectionInterceptor;
import io.asyncoro.spring.event.AsyncoroConnectionEvent;
import io.asyncoro.spring.event.ConnectionClosedEvent;
import io.asyncoro.spring.event.ConnectionEvents;
import io.asyncoro.spring.event.ConnectionOpenedEvent;
import io.asyncoro.spring.event.DecodingFailedEvent;

/** Connection events as a listener sees them, and an interceptor's veto, over real connections. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionEventsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withBean(GreetingController.class)
        .withPropertyValues("asyncoro.servers.greet.port=0", "asyncoro.servers.greet.address=127.0.0.1",
                "asyncoro.servers.greet.max-message-size=16", "asyncoro.servers.greet.shutdown-grace-period=1s");

    @Test
    void withoutAListenerNoEventIsBuilt() {
        this.runner.run(context -> assertThat(new ConnectionEvents(context.getSourceApplicationContext()).any()).isFalse());
        this.runner.withBean(Recorder.class).run(context -> assertThat(new ConnectionEvents(context.getSourceApplicationContext()).any()).isTrue());
    }

    @Test
    void aSpringBootApplicationsOwnListenersDoNotTurnEventsOn() {
        // SpringApplication registers listeners of its own; none of them may take every event.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("asyncoro.servers.greet.port=0", "asyncoro.servers.greet.address=127.0.0.1")
            .run()) {
            assertThat(new ConnectionEvents(context).any()).isFalse();
        }
    }

    @Test
    void aListenerSeesTheConnectionOpenAndClose() {
        this.runner.withBean(Recorder.class).run(context -> {
            Recorder recorder = context.getBean(Recorder.class);
            InetSocketAddress client;
            try (AsyncSocket socket = connect(context)) {
                client = socket.localAddress();
                assertThat(text(socket.recvMsg())).isEqualTo("hello");
                socket.sendMsg(utf8("hi"));
                assertThat(text(socket.recvMsg())).isEqualTo("HI");
            }
            await().atMost(TIMEOUT).until(() -> recorder.events.size() == 2);
            assertThat(recorder.events.get(0)).isInstanceOf(ConnectionOpenedEvent.class);
            ConnectionClosedEvent closed = (ConnectionClosedEvent) recorder.events.get(1);
            assertThat(closed.getReason()).isEqualTo(ConnectionClosedEvent.Reason.CLOSED);
            for (AsyncoroConnectionEvent event : recorder.events) {
                assertThat(event.getServerName()).isEqualTo("greet");
                assertThat(event.getConnectionId()).isEqualTo("1");
                assertThat(event.getRemoteAddress().getPort()).isEqualTo(client.getPort());
            }
        });
    }

    @Test
    void aFrameOverTheLimitIsADecodingFailureClosingOnlyThatConnection() {
        this.runner.withBean(Recorder.class).run(context -> {
            Recorder recorder = context.getBean(Recorder.class);
            try (AsyncSocket bad = connect(context); AsyncSocket good = connect(context)) {
                bad.recvMsg();
                good.recvMsg();
                bad.sendMsg(new byte[100]);
                assertThat(bad.recvMsg()).isNull();
                good.sendMsg(utf8("still"));
                assertThat(text(good.recvMsg())).isEqualTo("STILL");
            }
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events)
                .filteredOn(DecodingFailedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DecodingFailedEvent) e).getFailure())
                    .hasMessageNotContaining("\0\0\0")));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events)
                .filteredOn(ConnectionClosedEvent.class::isInstance)
                .extracting(e -> ((ConnectionClosedEvent) e).getReason())
                .containsExactlyInAnyOrder(ConnectionClosedEvent.Reason.DECODING_FAILED,
                        ConnectionClosedEvent.Reason.CLOSED));
        });
    }

    @Test
    void bytesBreakingACodecFramingAreADecodingFailure() {
        this.runner.withBean(Recorder.class).withPropertyValues("asyncoro.servers.greet.framing=stx-etx").run(context -> {
            Recorder recorder = context.getBean(Recorder.class);
            try (AsyncSocket bad = connect(context)) {
                assertThat(bad.recvAll(7)).isEqualTo(new byte[] { 0x02, 'h', 'e', 'l', 'l', 'o', 0x03 });
                // No STX in front: the stream cannot be framed, so only this connection is closed.
                bad.sendAll(new byte[] { 'x', 'y', 0x03 });
                assertThat(bad.recv(16)).isEmpty();
            }
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events)
                .filteredOn(DecodingFailedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DecodingFailedEvent) e).getFailure()).isInstanceOf(FramingException.class)
                    .hasMessageStartingWith("stx-etx")));
        });
    }

    @Test
    void aVetoClosesTheConnectionBeforeTheHandlerRuns() {
        this.runner.withBean(Recorder.class)
            .withBean(ConnectionInterceptor.class, () -> connection -> !connection.connectionId().equals("1"))
            .run(context -> {
                GreetingController controller = context.getBean(GreetingController.class);
                Recorder recorder = context.getBean(Recorder.class);
                try (AsyncSocket refused = connect(context)) {
                    // No @OnConnect greeting: the stream just ends.
                    assertThat(refused.recvMsg()).isNull();
                }
                try (AsyncSocket admitted = connect(context)) {
                    assertThat(text(admitted.recvMsg())).isEqualTo("hello");
                }
                assertThat(controller.connects.get()).isEqualTo(1);
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events)
                    .filteredOn(ConnectionClosedEvent.class::isInstance)
                    .extracting(e -> ((ConnectionClosedEvent) e).getReason() + "#" + e.getConnectionId())
                    .contains("REJECTED#1", "CLOSED#2"));
                assertThat(recorder.events).filteredOn(ConnectionOpenedEvent.class::isInstance)
                    .extracting(AsyncoroConnectionEvent::getConnectionId).containsExactly("2");
            });
    }

    private static AsyncSocket connect(ApplicationContext context) throws IOException {
        int port = context.getEnvironment().getProperty("local.asyncoro.servers.greet.port", Integer.class);
        AsyncSocket socket = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT);
        socket.setTimeout(TIMEOUT);
        return socket;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @SocketController("greet")
    static class GreetingController {

        final AtomicInteger connects = new AtomicInteger();

        @OnConnect
        String greet() {
            this.connects.incrementAndGet();
            return "hello";
        }

        @OnMessage
        String upper(String message) {
            return message.toUpperCase();
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    @Import(GreetingController.class)
    static class App {
    }

    static class Recorder {

        final List<AsyncoroConnectionEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AsyncoroConnectionEvent event) {
            this.events.add(event);
        }
    }
}
