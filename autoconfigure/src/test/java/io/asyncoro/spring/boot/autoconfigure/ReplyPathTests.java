package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;

/**
 * Replies go out from the connection's own coroutine when nothing is queued, so a request/reply connection
 * needs no writer coroutine; once something is queued, a reply waits behind it and the order holds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplyPathTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withBean(EchoController.class)
        .withPropertyValues("asyncoro.servers.echo.port=0", "asyncoro.servers.echo.address=127.0.0.1");

    @Test
    void aRequestReplyConnectionRunsWithoutAWriterCoroutine() {
        this.runner.run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                for (int i = 0; i < 100; i++) {
                    client.sendMsg(TestClients.utf8("ping " + i));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("ping " + i);
                }
                assertThat(context.getBean(AsynCoro.class).names()).noneMatch(name -> name.contains("-writer-"));
            }
        });
    }

    @Test
    void aReplyQueuesBehindWhatTheHandlerSentBeforeIt() {
        this.runner.run(context -> {
            try (AsyncSocket client = TestClients.connect(port(context))) {
                for (int i = 0; i < 50; i++) {
                    client.sendMsg(TestClients.utf8("burst " + i));
                    for (int k = 0; k < 20; k++) {
                        assertThat(TestClients.text(client.recvMsg())).isEqualTo("part " + k + " of burst " + i);
                    }
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("done burst " + i);
                }
                assertThat(context.getBean(AsynCoro.class).names()).anyMatch(name -> name.contains("-writer-"));
            }
        });
    }

    private static int port(ApplicationContext context) {
        return context.getEnvironment().getProperty("local.asyncoro.servers.echo.port", Integer.class);
    }

    @SocketController("echo")
    static class EchoController {

        @OnMessage
        String echo(String text, AsyncConnection connection) {
            if (!text.startsWith("burst ")) {
                return text;
            }
            for (int k = 0; k < 20; k++) {
                connection.send("part " + k + " of " + text);
            }
            return "done " + text;
        }
    }
}
