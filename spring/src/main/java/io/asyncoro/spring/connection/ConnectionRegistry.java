package io.asyncoro.spring.connection;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.LocalAsyncoroCluster;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * The open connections of every annotated TCP server, by server name, for listing and broadcast. A connection
 * is listed from just before {@code @OnConnect} until just before {@code @OnDisconnect}.
 *
 * <p>{@link #broadcast} reaches this node's connections; {@link #broadcastCluster} reaches a server's connections
 * on every node of the {@link AsyncoroCluster}, and {@link #clusterCount} counts them.
 */
public class ConnectionRegistry {

    private final Map<String, Map<String, AsyncConnection>> byServer = new ConcurrentHashMap<>();

    private final PayloadConverters converters;

    private final ClusterBroadcasts cluster;

    /** A registry that converts broadcast values with {@code converters}, on a node that runs alone. */
    public ConnectionRegistry(PayloadConverters converters) {
        this(converters, new LocalAsyncoroCluster());
    }

    /**
     * A registry that converts broadcast values with {@code converters} and reaches the other nodes of
     * {@code cluster}; it shares this node's connection counts with them.
     */
    public ConnectionRegistry(PayloadConverters converters, AsyncoroCluster cluster) {
        this.converters = converters;
        this.cluster = new ClusterBroadcasts(cluster, this::broadcast);
        cluster.shareConnectionCounts(this::localCounts);
    }

    /** The open connections of a server (a snapshot). */
    public Collection<AsyncConnection> connections(String serverName) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return open == null ? List.of() : List.copyOf(open.values());
    }

    /** How many connections a server has open. */
    public int count(String serverName) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return open == null ? 0 : open.size();
    }

    /** An open connection by id. */
    public Optional<AsyncConnection> find(String serverName, String id) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return Optional.ofNullable(open == null ? null : open.get(id));
    }

    /**
     * Queues {@code message} on every open connection of a server. Never blocks on a slow peer.
     *
     * @param message {@code byte[]}, {@code String}, or a value a payload converter writes
     * @return how many connections took the message
     */
    public int broadcast(String serverName, Object message) {
        return broadcast(serverName, message, c -> true);
    }

    /**
     * Queues {@code message} on the open connections of a server that {@code recipients} accepts, for example
     * everyone but the sender. Never blocks on a slow peer; the message is converted once.
     *
     * @return how many connections took the message
     */
    public int broadcast(String serverName, Object message, Predicate<? super AsyncConnection> recipients) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        if (open == null || open.isEmpty()) {
            return 0;
        }
        byte[] payload = this.converters.write(message);
        int queued = 0;
        for (AsyncConnection connection : open.values()) {
            if (recipients.test(connection) && connection.send(payload)) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Queues {@code message} on every open connection of a server on every node of the cluster: at once on this
     * node's, and through the cluster bus on the others'. Never blocks on a slow peer or on the bus.
     *
     * @param message {@code byte[]}, {@code String}, or a value a payload converter writes
     * @return how many connections of this node took the message
     */
    public int broadcastCluster(String serverName, Object message) {
        return broadcastCluster(serverName, message, c -> true);
    }

    /**
     * Like {@link #broadcastCluster(String, Object)}, but on this node only to the connections {@code localRecipients}
     * accepts (for example everyone but the sender); the other nodes deliver to all their connections of the server.
     *
     * @return how many connections of this node took the message
     */
    public int broadcastCluster(String serverName, Object message, Predicate<? super AsyncConnection> localRecipients) {
        byte[] payload = this.converters.write(message);
        int queued = broadcast(serverName, payload, localRecipients);
        this.cluster.publish(serverName, payload);
        return queued;
    }

    /** How many connections a server has open on every live node of the cluster, as last seen. */
    public int clusterCount(String serverName) {
        return clusterCounts(serverName).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many connections a server has open on each live node of the cluster, by node id, as last seen. */
    public Map<String, Integer> clusterCounts(String serverName) {
        return this.cluster.counts(serverName);
    }

    /** This node's open connections per server name. */
    public Map<String, Integer> localCounts() {
        Map<String, Integer> counts = new HashMap<>();
        this.byServer.forEach((server, open) -> counts.put(server, open.size()));
        return counts;
    }

    /** Lists a connection; called by the handler adapters when a connection opens. */
    public void register(AsyncConnection connection) {
        this.byServer.computeIfAbsent(connection.serverName(), n -> new ConcurrentHashMap<>())
            .put(connection.id(), connection);
    }

    /** Unlists a connection; called by the handler adapters when a connection ends. */
    public void unregister(AsyncConnection connection) {
        Map<String, AsyncConnection> open = this.byServer.get(connection.serverName());
        if (open != null) {
            open.remove(connection.id(), connection);
        }
    }
}
