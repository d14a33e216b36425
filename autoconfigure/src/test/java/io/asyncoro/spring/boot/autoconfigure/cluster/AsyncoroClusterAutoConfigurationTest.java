package io.asyncoro.spring.boot.autoconfigure.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.health.AsyncoroClusterHealthIndicator;
import io.asyncoro.spring.boot.autoconfigure.health.AsyncoroHealthContributorAutoConfiguration;
import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.LocalAsyncoroCluster;
import io.asyncoro.spring.cluster.redis.RedisAsyncoroCluster;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * Which bus a node gets: its own unless {@code asyncoro.cluster.enabled=true} and Spring Data Redis is present;
 * the Redis one on Boot's connection factory, with the {@code asyncoroCluster} health contributor. No Redis runs
 * here: a node whose Redis is unreachable still starts, and says so in its health. (The bus against a real Redis
 * is tested by the sample chat's cluster tests.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncoroClusterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withPropertyValues("asyncoro.servers.echo.port=0", "asyncoro.servers.echo.address=127.0.0.1")
        .withBean(EchoController.class)
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                AsyncoroClusterAutoConfiguration.class, AsyncoroAutoConfiguration.class,
                AsyncoroHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class));

    @Test
    void aNodeRunsAloneByDefault() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(AsyncoroCluster.class);
            assertThat(context.getBean(AsyncoroCluster.class)).isInstanceOf(LocalAsyncoroCluster.class);
            assertThat(context).doesNotHaveBean(AsyncoroClusterHealthIndicator.class);
            assertThat(context.getBean(ConnectionRegistry.class).clusterCounts("echo"))
                .containsOnlyKeys(context.getBean(AsyncoroCluster.class).nodeId());
        });
    }

    @Test
    void enabledItJoinsThroughRedisAndReportsAnUnreachableRedisAsOutOfService() throws IOException {
        int closedPort = freePort();
        this.runner
            .withPropertyValues("asyncoro.cluster.enabled=true", "asyncoro.cluster.node-id=node-7",
                    "asyncoro.cluster.name=test", "spring.data.redis.host=127.0.0.1",
                    "spring.data.redis.port=" + closedPort)
            .run(context -> {
                assertThat(context).hasNotFailed();
                AsyncoroCluster cluster = context.getBean(AsyncoroCluster.class);
                assertThat(cluster).isInstanceOf(RedisAsyncoroCluster.class);
                assertThat(cluster.nodeId()).isEqualTo("node-7");
                HealthIndicator indicator = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
                    .getContributor("asyncoroCluster");
                assertThat(indicator).isNotNull();
                await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus() == Status.OUT_OF_SERVICE);
                assertThat(indicator.health().getDetails()).containsEntry("nodeId", "node-7")
                    .containsEntry("connected", false)
                    .containsKey("error");
                // Counters still hand out values: from the node alone, while Redis is away.
                assertThat(cluster.increment("c")).isNotEqualTo(cluster.increment("c"));
            });
    }

    @Test
    void enabledWithoutSpringDataRedisTheNodeRunsAlone() {
        this.runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
            .withPropertyValues("asyncoro.cluster.enabled=true")
            .run(context -> assertThat(context.getBean(AsyncoroCluster.class)).isInstanceOf(LocalAsyncoroCluster.class));
    }

    @SocketController("echo")
    static class EchoController {

        @OnMessage
        String echo(String text) {
            return text;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
