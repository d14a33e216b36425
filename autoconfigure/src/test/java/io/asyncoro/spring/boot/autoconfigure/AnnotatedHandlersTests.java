package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.test.AsyncoroTestClient;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.convert.PayloadConverter;

/** The annotated-handler contract over real sockets: events, replies, closing, failures, converters. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnnotatedHandlersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withBean(RoomController.class)
        .withPropertyValues("asyncoro.servers.room.port=0", "asyncoro.servers.room.address=127.0.0.1");

    @Test
    void chatStyleBroadcastsReachEveryoneElse() {
        this.runner.run(context -> {
            try (AsyncoroTestClient a = room(context)) {
                String idA = a.receive().substring("id: ".length());
                try (AsyncoroTestClient b = room(context)) {
                    String idB = b.receive().substring("id: ".length());
                    a.expect(idB + " joined");
                    a.send("hi");
                    b.expect(idA + " says: hi");
                    // Half-closing ends the connection: the other side is told.
                    a.socket().shutdownOutput();
                    b.expect(idA + " left");
                    a.expectClosed();
                }
            }
        });
    }

    @Test
    void closeSendsWhatIsQueuedThenEndsTheConnection() {
        this.runner.run(context -> {
            try (AsyncoroTestClient client = room(context)) {
                client.receive();
                client.send("bye").expect("see you", "really").expectClosed();
            }
            await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(ConnectionRegistry.class).count("room") == 0);
        });
    }

    @Test
    void aHandlerExceptionClosesOnlyItsConnectionAndReachesOnError() {
        this.runner.run(context -> {
            RoomController controller = context.getBean(RoomController.class);
            try (AsyncoroTestClient good = room(context)) {
                good.receive();
                try (AsyncoroTestClient bad = room(context)) {
                    bad.receive();
                    good.receive(); // "<bad> joined"
                    bad.send("boom").expectClosed();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !controller.errors.isEmpty());
                    assertThat(controller.errors).singleElement().isInstanceOf(IllegalStateException.class);
                    assertThat(good.receive()).endsWith(" left");
                    good.send("still");
                    await().atMost(Duration.ofSeconds(10)).until(() -> controller.messages.contains("still"));
                }
            }
        });
    }

    @Test
    void applicationPayloadConvertersReadAndWriteTheirTypes() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
            .withBean(ReversedConverter.class)
            .withBean(ReversingController.class)
            .withPropertyValues("asyncoro.servers.rev.port=0", "asyncoro.servers.rev.address=127.0.0.1",
                    "asyncoro.servers.rev.framing=line")
            .run(context -> {
                // The client reads the line framing from the same properties.
                try (AsyncoroTestClient client = AsyncoroTestClient.connect(context.getEnvironment(), "rev")) {
                    client.send("abc").expect("cba!");
                }
            });
    }

    private static AsyncoroTestClient room(ApplicationContext context) {
        return AsyncoroTestClient.connect(context.getEnvironment(), "room");
    }

    @SocketController("room")
    static class RoomController {

        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        final List<String> messages = new CopyOnWriteArrayList<>();

        private final ConnectionRegistry connections;

        RoomController(ConnectionRegistry connections) {
            this.connections = connections;
        }

        @OnConnect
        String joined(AsyncConnection connection) {
            this.connections.broadcast("room", connection.id() + " joined", other -> other != connection);
            return "id: " + connection.id();
        }

        @OnMessage
        void said(String text, AsyncConnection connection) {
            this.messages.add(text);
            if (text.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            if (text.equals("bye")) {
                connection.send("see you");
                connection.send("really");
                connection.close();
                return;
            }
            this.connections.broadcast("room", connection.id() + " says: " + text, other -> other != connection);
        }

        @OnError
        void failed(Throwable failure) {
            this.errors.add(failure);
        }

        @OnDisconnect
        void left(AsyncConnection connection) {
            this.connections.broadcast("room", connection.id() + " left");
        }
    }

    record Reversed(String text) {
    }

    static class ReversedConverter implements PayloadConverter {

        @Override
        public boolean canRead(Class<?> type) {
            return type == Reversed.class;
        }

        @Override
        public Object read(byte[] payload, Class<?> type) {
            return new Reversed(new StringBuilder(new String(payload, StandardCharsets.UTF_8)).reverse().toString());
        }

        @Override
        public boolean canWrite(Class<?> type) {
            return type == Reversed.class;
        }

        @Override
        public byte[] write(Object value) {
            return (((Reversed) value).text() + "!").getBytes(StandardCharsets.UTF_8);
        }
    }

    @SocketController("rev")
    static class ReversingController {

        @OnMessage
        Reversed reversed(Reversed reversed) {
            return reversed;
        }
    }
}
