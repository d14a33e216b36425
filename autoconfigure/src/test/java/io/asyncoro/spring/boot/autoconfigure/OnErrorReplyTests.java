package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.convert.PayloadConversionException;

/**
 * A message that cannot be converted: {@code @OnError} may answer it and keep the connection; without one
 * the connection closes as before. A handler exception still closes the connection, after {@code @OnError}'s
 * reply.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnErrorReplyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, JacksonAutoConfiguration.class))
        .withPropertyValues("asyncoro.servers.orders.address=127.0.0.1", "asyncoro.servers.orders.port=0",
                "asyncoro.servers.orders.shutdown-grace-period=1s");

    @Test
    void onErrorAnswersAnUnreadableMessageAndTheConnectionGoesOn() {
        this.runner.withBean(AnsweringController.class).run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                client.sendMsg(TestClients.utf8("{\"item\": oops"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("{\"error\":\"unreadable Order\"}");
                client.sendMsg(TestClients.utf8("{\"item\":\"tea\",\"quantity\":2}"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("2 x tea");
                client.sendMsg(TestClients.utf8("[]"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("{\"error\":\"unreadable Order\"}");
            }
        });
    }

    @Test
    void withoutOnErrorAnUnreadableMessageClosesTheConnection() {
        this.runner.withBean(PlainController.class).run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                client.sendMsg(TestClients.utf8("{\"item\": oops"));
                assertThat(client.recvMsg()).isNull();
            }
        });
    }

    @Test
    void onErrorRepliesToAHandlerExceptionBeforeTheConnectionCloses() {
        this.runner.withBean(AnsweringController.class).run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                client.sendMsg(TestClients.utf8("{\"item\":\"boom\",\"quantity\":1}"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("{\"error\":\"IllegalStateException\"}");
                assertThat(client.recvMsg()).isNull();
            }
        });
    }

    private static int port(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return context.getEnvironment().getRequiredProperty("local.asyncoro.servers.orders.port", Integer.class);
    }

    record Order(String item, int quantity) {
    }

    record Problem(String error) {
    }

    @SocketController("orders")
    static class PlainController {

        @OnMessage
        String order(Order order) {
            return order.quantity() + " x " + order.item();
        }
    }

    @SocketController("orders")
    static class AnsweringController {

        @OnMessage
        String order(Order order) {
            if (order.item().equals("boom")) {
                throw new IllegalStateException("refused");
            }
            return order.quantity() + " x " + order.item();
        }

        @OnError
        Problem failed(AsyncConnection connection, Exception failure) {
            if (failure instanceof PayloadConversionException) {
                return new Problem("unreadable Order");
            }
            return new Problem(failure.getClass().getSimpleName());
        }
    }
}
