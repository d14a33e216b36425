package io.asyncoro.spring.boot.autoconfigure.client;

import static io.asyncoro.spring.boot.autoconfigure.client.ClientServerRunners.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.ConnectionHandler;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.endpoint.AsyncoroEndpoint;
import io.asyncoro.spring.boot.autoconfigure.metrics.AsyncoroClientMeterNames;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestAsyncoroServers;
import io.asyncoro.spring.client.AsyncoroClientException;
import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.client.ClientTimeoutException;

/**
 * A client bean against real servers that misbehave: slow, closing mid-reply, restarting, refusing, or
 * presenting a certificate for another host.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientTemplateTests {

    private static final Duration SHORT = Duration.ofMillis(300);

    private final ApplicationContextRunner server = ClientServerRunners.upperServer()
        .withBean(MisbehavingController.class)
        .withPropertyValues("asyncoro.servers.odd.port=0", "asyncoro.servers.odd.address=127.0.0.1",
                "asyncoro.servers.odd.shutdown-grace-period=1s");

    @Test
    void aSlowReplyFailsThatCallAndDiscardsItsConnection() {
        this.server.run(server -> {
            MisbehavingController odd = server.getBean(MisbehavingController.class);
            callerOf(server, "odd").run(client -> {
                AsyncoroClientTemplate template = template(client);
                assertThatThrownBy(() -> template.request("slow", String.class, SHORT))
                    .isInstanceOf(ClientTimeoutException.class);
                assertThat(template.openConnections()).isZero();
                odd.gate.countDown();
                // The next call opens a new connection: the late reply to "slow" cannot be taken for its own.
                assertThat(template.request("fast", String.class, TIMEOUT)).isEqualTo("FAST");
                assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECTS)).isEqualTo(2);
                assertThat(timer(client, "failure")).isEqualTo(1);
                assertThat(timer(client, "success")).isEqualTo(1);
            });
        });
    }

    @Test
    void manyCallersShareAtMostPoolMaxSizeConnections() {
        this.server.run(server -> ClientServerRunners.caller()
            .withPropertyValues("asyncoro.clients.upper.host=127.0.0.1",
                    "asyncoro.clients.upper.port=" + ClientServerRunners.port(server, "upper"),
                    "asyncoro.clients.upper.pool.max-size=4")
            .run(client -> {
                AsyncoroClientTemplate template = template(client);
                List<Future<String>> replies = new ArrayList<>();
                try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 40; i++) {
                        String message = "m" + i;
                        replies.add(callers.submit(() -> template.request(message, String.class, TIMEOUT)));
                    }
                    for (int i = 0; i < replies.size(); i++) {
                        assertThat(replies.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("M" + i);
                    }
                }
                assertThat(template.openConnections()).isBetween(1, 4);
                assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECTS)).isLessThanOrEqualTo(4);
                assertThat(timer(client, "success")).isEqualTo(40);
            }));
    }

    @Test
    void aServerClosingMidReplyFailsThatCallOnly() {
        this.server.run(server -> callerOf(server, "odd").run(client -> {
            AsyncoroClientTemplate template = template(client);
            assertThatThrownBy(() -> template.request("half", String.class, TIMEOUT))
                .isInstanceOf(AsyncoroClientException.class)
                .isNotInstanceOf(ClientTimeoutException.class);
            assertThat(template.openConnections()).isZero();
            assertThat(template.request("whole", String.class, TIMEOUT)).isEqualTo("WHOLE");
        }));
    }

    @Test
    void aRestartedServerIsReconnectedToWithBackoffAndTheFailuresAreCounted() {
        int[] port = new int[1];
        this.server.run(server -> port[0] = ClientServerRunners.port(server, "upper"));
        ApplicationContextRunner onThatPort = this.server.withPropertyValues("asyncoro.servers.upper.port=" + port[0]);
        ClientServerRunners.caller()
            .withPropertyValues("asyncoro.clients.upper.host=127.0.0.1", "asyncoro.clients.upper.port=" + port[0],
                    "asyncoro.clients.upper.reconnect.initial-backoff=50ms",
                    "asyncoro.clients.upper.reconnect.max-backoff=200ms")
            .run(client -> {
                AsyncoroClientTemplate template = template(client);
                onThatPort.run(server -> assertThat(template.request("up", String.class, TIMEOUT)).isEqualTo("UP"));
                // The server is down: calls fail (the pooled connection first, then connects), each failed
                // connect counted, and the backoff keeps them from hammering the port.
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThatThrownBy(() -> template.request("down", String.class, SHORT))
                        .isInstanceOf(AsyncoroClientException.class);
                    assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECT_FAILURES))
                        .isGreaterThanOrEqualTo(2);
                });
                onThatPort.run(restarted -> {
                    await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(
                            () -> assertThat(template.request("back", String.class, SHORT)).isEqualTo("BACK"));
                    assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECTS)).isEqualTo(2);
                });
            });
    }

    @Test
    void theSecondAddressIsUsedWhenTheFirstRefuses() throws Exception {
        int refusing;
        try (ServerSocket closedAtOnce = new ServerSocket(0)) {
            refusing = closedAtOnce.getLocalPort();
        }
        int refusingPort = refusing;
        this.server.run(server -> ClientServerRunners.caller()
            .withPropertyValues("asyncoro.clients.upper.addresses=127.0.0.1:" + refusingPort + ",127.0.0.1:"
                    + ClientServerRunners.port(server, "upper"))
            .run(client -> {
                AsyncoroClientTemplate template = template(client);
                assertThat(template.request("over", String.class, TIMEOUT)).isEqualTo("OVER");
                assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECT_FAILURES)).isEqualTo(1);
                assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECTS)).isEqualTo(1);
                assertThat(health(client)).isEqualTo(Status.UP);
                AsyncoroEndpoint endpoint = new AsyncoroEndpoint(new TestAsyncoroServers(), new AsyncoroProperties(),
                        null, client.getBean(AsyncoroClients.class), null);
                var described = endpoint.asyncoro().clients().get("upper");
                assertThat(described.addresses()).hasSize(2);
                assertThat(described.framing()).isEqualTo("message");
                assertThat(described.openConnections()).isEqualTo(1);
            }));
    }

    @Test
    void aTlsClientVerifiesTheServerWithItsBundle() {
        ClientServerRunners.tlsServer("server").run(server -> ClientServerRunners.tlsCaller(server).run(client -> {
            AsyncoroClientTemplate template = template(client);
            assertThat(template.request("secret", String.class, TIMEOUT)).isEqualTo("SECRET");
            try (AsyncSocket conversation = template.connect()) {
                assertThat(conversation.isTls()).isTrue();
                conversation.sendMsg("own".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(conversation.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("OWN");
            }
        }));
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        ClientServerRunners.tlsServer("wronghost").run(server -> ClientServerRunners.tlsCaller(server).run(client -> {
            AsyncoroClientTemplate template = template(client);
            assertThatThrownBy(() -> template.request("secret", String.class, TIMEOUT))
                .isInstanceOf(AsyncoroClientException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
                .cause().isInstanceOf(SSLHandshakeException.class);
            assertThat(health(client)).isEqualTo(Status.DOWN);
            assertThat(ClientServerRunners.count(client, AsyncoroClientMeterNames.CONNECTS)).isZero();
        }));
    }

    private static ApplicationContextRunner callerOf(ConfigurableApplicationContext server, String serverName) {
        return ClientServerRunners.caller()
            .withPropertyValues("asyncoro.clients.upper.host=127.0.0.1",
                    "asyncoro.clients.upper.port=" + ClientServerRunners.port(server, serverName));
    }

    private static AsyncoroClientTemplate template(ConfigurableApplicationContext client) {
        return client.getBean(ClientServerRunners.Caller.class).upper;
    }

    private static Status health(ConfigurableApplicationContext client) {
        var composite = client.getBean("asyncoroClientsHealthContributor", CompositeHealthContributor.class);
        return ((HealthIndicator) composite.getContributor("upper")).health().getStatus();
    }

    private static long timer(ConfigurableApplicationContext client, String outcome) {
        return client.getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .get(AsyncoroClientMeterNames.REQUESTS).tag("outcome", outcome).timer().count();
    }

    /** Serves asyncoro frames, upper-cased, except "slow" (held until the gate opens) and "half" (cut short). */
    @SocketController("odd")
    static class MisbehavingController {

        final CountDownLatch gate = new CountDownLatch(1);

        @ConnectionHandler
        void serve(AsyncSocket socket) throws Exception {
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                String text = new String(message, StandardCharsets.UTF_8);
                if (text.equals("slow")) {
                    this.gate.await(60, TimeUnit.SECONDS);
                }
                if (text.equals("half")) {
                    // A header announcing 10 bytes, then 3 of them, then the end of the stream.
                    socket.sendAll(new byte[] { 0, 0, 0, 10, 'a', 'b', 'c' });
                    return;
                }
                socket.sendMsg(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
