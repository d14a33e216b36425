package io.asyncoro.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestAsyncoroServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestTls;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncoroHealthIndicatorTest {

    private final List<AsyncSocketServer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        this.started.forEach(s -> s.stop(Duration.ofSeconds(5)));
    }

    private AsyncSocketServer start(AsyncSocketServer.Builder builder) throws Exception {
        AsyncSocketServer server = builder.build();
        this.started.add(server);
        server.start();
        return server;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> server(Health health, String name) {
        Map<String, Object> servers = (Map<String, Object>) health.getDetails().get("servers");
        return (Map<String, Object>) servers.get(name);
    }

    @Test
    void upWithDetailsWhileEveryServerListens() throws Exception {
        AsyncSocketServer chat = start(EchoServers.echo("chat").maxConnections(50));
        AsyncSocketServer secure = start(EchoServers.echo("secure").tls(TestTls.server()).blocking(true));
        TestAsyncoroServers servers = new TestAsyncoroServers().add("chat", new AsyncoroProperties.Server(), chat)
            .add("secure", new AsyncoroProperties.Server(), secure);
        AsyncoroHealthIndicator indicator = new AsyncoroHealthIndicator(servers, servers.properties());

        try (AsyncSocket client = EchoServers.connect(chat)) {
            client.setTimeout(Duration.ofSeconds(10));
            client.sendMsg(new byte[] { 1 });
            client.recvMsg();
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(server(health, "chat")).containsEntry("state", "listening")
                .containsEntry("port", chat.localPort())
                .containsEntry("tls", false)
                .containsEntry("blocking", false)
                .containsEntry("activeConnections", 1)
                .containsEntry("maxConnections", 50);
            assertThat(server(health, "secure")).containsEntry("port", secure.localPort())
                .containsEntry("tls", true)
                .containsEntry("blocking", true)
                .containsEntry("activeConnections", 0);
        }
    }

    @Test
    void downWhenAServerStops() throws Exception {
        AsyncSocketServer chat = start(EchoServers.echo("chat"));
        AsyncSocketServer other = start(EchoServers.echo("other"));
        AsyncoroHealthIndicator indicator = indicator(new TestAsyncoroServers()
            .add("chat", new AsyncoroProperties.Server(), chat)
            .add("other", new AsyncoroProperties.Server(), other));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        assertThat(chat.stop(Duration.ofSeconds(5))).isTrue();
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(server(health, "chat")).containsEntry("state", "stopped");
        assertThat(server(health, "other")).containsEntry("state", "listening");
    }

    @Test
    void downWhenAServerCannotBind() throws Exception {
        AsyncSocketServer holder = start(EchoServers.echo("holder"));
        AsyncSocketServer clash = EchoServers.echo("clash").port(holder.localPort()).build();
        assertThatExceptionOfType(BindException.class).isThrownBy(clash::start);
        AsyncoroProperties.Server clashProperties = new AsyncoroProperties.Server();
        clashProperties.setPort(holder.localPort());
        Health health = indicator(new TestAsyncoroServers()
            .add("holder", new AsyncoroProperties.Server(), holder)
            .add("clash", clashProperties, clash)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(server(health, "clash")).containsEntry("state", "stopped")
            .containsEntry("port", holder.localPort());
    }

    @Test
    void downWhenAConfiguredServerWasNeverBuilt() throws Exception {
        AsyncSocketServer chat = start(EchoServers.echo("chat"));
        AsyncoroProperties.Server pending = new AsyncoroProperties.Server();
        pending.setPort(4321);
        pending.getSsl().setEnabled(true);
        Health health = indicator(new TestAsyncoroServers()
            .add("chat", new AsyncoroProperties.Server(), chat)
            .configure("pending", pending)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(server(health, "pending")).containsEntry("state", "not-started")
            .containsEntry("port", 4321)
            .containsEntry("tls", true);
    }

    @Test
    void downWhenTheAcceptLoopDiesUnderARunningServer() throws Exception {
        // Closing the scheduler under a running server terminates its accept loop: the server still counts
        // as running, but nothing accepts any more.
        AsynCoro doomed = new AsynCoro("doomed");
        AsyncSocketServer server = start(EchoServers.echo("orphan").asyncoro(doomed));
        AsyncoroHealthIndicator indicator = indicator(new TestAsyncoroServers().add("orphan", new AsyncoroProperties.Server(), server));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        doomed.close(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.isListening()).isFalse());
        assertThat(server.isRunning()).isTrue();
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(server(health, "orphan")).containsEntry("state", "accept-loop-dead");
    }

    @Test
    void upWithNoServersConfigured() {
        Health health = indicator(new TestAsyncoroServers()).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("servers", Map.of());
    }

    private static AsyncoroHealthIndicator indicator(TestAsyncoroServers servers) {
        return new AsyncoroHealthIndicator(servers, servers.properties());
    }
}
