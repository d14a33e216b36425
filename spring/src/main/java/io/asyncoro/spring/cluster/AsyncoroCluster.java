package io.asyncoro.spring.cluster;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cluster bus: publish/subscribe of byte payloads on named topics between the nodes (processes) that serve
 * one application, plus presence (which nodes are alive, their connection counts, a callback when one dies),
 * cluster-wide counters and per-node sets.
 *
 * <p>A node never hears its own publications: it delivers to its own connections itself, at once, which keeps
 * working while the bus is down. {@link LocalAsyncoroCluster} is the bus of a node that runs alone; the Redis one
 * ({@code io.asyncoro.spring.cluster.redis.RedisAsyncoroCluster}) joins nodes through Redis Streams.
 */
public interface AsyncoroCluster {

    /** This node's id, unique per process. */
    String nodeId();

    /**
     * Sends {@code payload} to the subscribers of {@code topic} on every other node. Never blocks: the payload is
     * queued and sent in publish order, also after an outage of the bus.
     */
    void publish(String topic, byte[] payload);

    /**
     * Calls {@code listener} for each payload another node publishes on {@code topic} from now on, in publish order
     * per sender, once each.
     */
    ClusterSubscription subscribe(String topic, ClusterMessageListener listener);

    /** Calls {@code listener} once for each other node found dead (its heartbeat expired). */
    ClusterSubscription onNodeDied(NodeDiedListener listener);

    /** The nodes alive as last seen, this one included. */
    Set<String> liveNodes();

    /**
     * Shares this node's open connections per server name with the cluster; read on every heartbeat.
     *
     * @param counts connection counts of this node, by server name
     */
    void shareConnectionCounts(Supplier<Map<String, Integer>> counts);

    /** The open connections of a server on each live node, by node id, as last seen (this node's live). */
    Map<String, Integer> connectionCounts(String serverName);

    /** The next value of a cluster-wide counter: unique across the cluster, counted from 1. */
    long increment(String counter);

    /** A set of strings that this node owns and that other nodes can read, for example after it died. */
    NodeSet nodeSet(String name);

    /** Whether the bus reaches the other nodes now, and since when it does or does not. */
    ClusterLink link();
}
