package io.asyncoro.sample.chat;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.server.AsyncoroServers;

/** One node of the chat with the {@code cluster} profile, as a Boot context in this JVM, on free ports. */
final class ClusterNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ClusterNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ClusterNode start(int redisPort, String... properties) {
        List<String> all = new ArrayList<>(List.of("asyncoro.servers.chat.port=0", "server.port=0",
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        // As command-line arguments: they override application.yml, which default properties would not.
        return new ClusterNode(new SpringApplicationBuilder(ChatApplication.class).profiles("cluster")
            .run(all.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    int chatPort() {
        return this.context.getBean(AsyncoroServers.class).find("chat").orElseThrow().localAddress().getPort();
    }

    int httpPort() {
        return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
    }

    ConnectionRegistry registry() {
        return this.context.getBean(ConnectionRegistry.class);
    }

    AsyncoroCluster cluster() {
        return this.context.getBean(AsyncoroCluster.class);
    }

    Status clusterHealth() {
        return this.context.getBean("asyncoroClusterHealthIndicator", HealthIndicator.class).health().getStatus();
    }

    boolean connected() {
        return cluster().link().connected();
    }

    @Override
    public void close() {
        this.context.close();
    }
}
