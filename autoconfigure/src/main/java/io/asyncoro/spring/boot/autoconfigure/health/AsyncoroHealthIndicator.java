package io.asyncoro.spring.boot.autoconfigure.health;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * Health of the configured asyncoro servers: {@code UP} when every one of them is listening, {@code DOWN} when
 * any is not (never started, failed to bind, stopped, or its accept loop died). The details give each server's
 * state, port, TLS, blocking mode and active and maximum connections.
 */
public final class AsyncoroHealthIndicator extends AbstractHealthIndicator {

    private final AsyncoroServers servers;

    private final AsyncoroProperties properties;

    /**
     * An indicator over {@code servers}.
     *
     * @param servers the configured servers
     * @param properties their configuration, described while a server is not built
     */
    public AsyncoroHealthIndicator(AsyncoroServers servers, AsyncoroProperties properties) {
        super("asyncoro health check failed");
        this.servers = servers;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allListening = true;
        for (String name : this.servers.names()) {
            Optional<AsyncSocketServerInfo> server = this.servers.find(name);
            Optional<AsyncoroProperties.Server> properties = Optional.ofNullable(this.properties.getServers().get(name));
            ServerState state = ServerState.of(server.orElse(null));
            allListening &= state == ServerState.LISTENING;
            details.put(name, describe(state, server.orElse(null), properties.orElse(null)));
        }
        if (allListening) {
            builder.up();
        }
        else {
            builder.down();
        }
        builder.withDetail("servers", details);
    }

    private static Map<String, Object> describe(ServerState state, AsyncSocketServerInfo server,
            AsyncoroProperties.Server properties) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state.label());
        if (server != null) {
            InetSocketAddress address = server.localAddress();
            detail.put("port", address != null ? address.getPort() : configuredPort(properties));
            detail.put("protocol", server.protocol());
            detail.put("tls", server.isTls());
            detail.put("blocking", server.isBlocking());
            detail.put("activeConnections", server.activeConnections());
            detail.put("maxConnections", server.maxConnections());
        }
        else if (properties != null) {
            detail.put("port", properties.getPort());
            detail.put("protocol", properties.getProtocol().name().toLowerCase(java.util.Locale.ROOT));
            detail.put("tls", properties.getSsl().servesTls());
            detail.put("blocking", properties.isBlocking());
            detail.put("activeConnections", 0);
            detail.put("maxConnections", properties.getMaxConnections());
        }
        return detail;
    }

    private static Object configuredPort(AsyncoroProperties.Server properties) {
        return properties != null ? properties.getPort() : null;
    }
}
