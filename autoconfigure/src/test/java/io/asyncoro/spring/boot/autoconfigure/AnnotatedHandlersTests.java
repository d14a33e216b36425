package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
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
            int port = port(context);
            try (AsyncSocket a = TestClients.connect(port)) {
                String idA = TestClients.text(a.recvMsg()).substring("id: ".length());
                AsyncSocket b = TestClients.connect(port);
                String idB = TestClients.text(b.recvMsg()).substring("id: ".length());
                assertThat(TestClients.text(a.recvMsg())).isEqualTo(idB + " joined");
                a.sendMsg(TestClients.utf8("hi"));
                assertThat(TestClients.text(b.recvMsg())).isEqualTo(idA + " says: hi");
                // Half-closing ends the connection: the other side is told.
                a.shutdownOutput();
                assertThat(TestClients.text(b.recvMsg())).isEqualTo(idA + " left");
                assertThat(a.recvMsg()).isNull();
                b.close();
            }
        });
    }

    @Test
    void closeSendsWhatIsQueuedThenEndsTheConnection() {
        this.runner.run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                client.recvMsg();
                client.sendMsg(TestClients.utf8("bye"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("see you");
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("really");
                assertThat(client.recvMsg()).isNull();
            }
            await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(ConnectionRegistry.class).count("room") == 0);
        });
    }

    @Test
    void aHandlerExceptionClosesOnlyItsConnectionAndReachesOnError() {
        this.runner.run(context -> {
            RoomController controller = context.getBean(RoomController.class);
            int port = port(context);
            try (AsyncSocket good = TestClients.connect(port)) {
                good.recvMsg();
                AsyncSocket bad = TestClients.connect(port);
                bad.recvMsg();
                good.recvMsg(); // "<bad> joined"
                bad.sendMsg(TestClients.utf8("boom"));
                assertThat(endOfStream(bad)).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> !controller.errors.isEmpty());
                assertThat(controller.errors).singleElement().isInstanceOf(IllegalStateException.class);
                assertThat(TestClients.text(good.recvMsg())).endsWith(" left");
                good.sendMsg(TestClients.utf8("still"));
                await().atMost(Duration.ofSeconds(10)).until(() -> controller.messages.contains("still"));
                bad.close();
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
                int port = context.getEnvironment().getProperty("local.asyncoro.servers.rev.port", Integer.class);
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendLine(TestClients.utf8("abc"));
                    assertThat(TestClients.text(client.recvLine())).isEqualTo("cba!");
                }
            });
    }

    private static boolean endOfStream(AsyncSocket socket) {
        try {
            return socket.recvMsg() == null;
        }
        catch (IOException ex) {
            return true;
        }
    }

    private static int port(org.springframework.context.ApplicationContext context) {
        return context.getEnvironment().getProperty("local.asyncoro.servers.room.port", Integer.class);
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
