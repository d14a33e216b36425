package io.asyncoro.spring.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bus of a node that runs alone: there is no other node to publish to or to hear from, counters and sets
 * live in memory. It is what an application gets when no cluster is configured, so code written for a cluster
 * runs unchanged on one node.
 */
public final class LocalAsyncoroCluster implements AsyncoroCluster {

    private final String nodeId;
    private final Instant since = Instant.now();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sets = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Integer>> counts = Map::of;

    /** A node-local bus with a generated node id. */
    public LocalAsyncoroCluster() {
        this(NodeIds.generate());
    }

    /** A node-local bus with the given node id. */
    public LocalAsyncoroCluster(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public String nodeId() {
        return this.nodeId;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        // No other node: nothing to send. This node delivers to its own connections itself.
    }

    @Override
    public ClusterSubscription subscribe(String topic, ClusterMessageListener listener) {
        return () -> {
        };
    }

    @Override
    public ClusterSubscription onNodeDied(NodeDiedListener listener) {
        return () -> {
        };
    }

    @Override
    public Set<String> liveNodes() {
        return Set.of(this.nodeId);
    }

    @Override
    public void shareConnectionCounts(Supplier<Map<String, Integer>> counts) {
        this.counts = counts;
    }

    @Override
    public Map<String, Integer> connectionCounts(String serverName) {
        return Map.of(this.nodeId, this.counts.get().getOrDefault(serverName, 0));
    }

    @Override
    public long increment(String counter) {
        return this.counters.computeIfAbsent(counter, c -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public NodeSet nodeSet(String name) {
        Set<String> own = this.sets.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        return new NodeSet() {

            @Override
            public void add(String value) {
                own.add(value);
            }

            @Override
            public void remove(String value) {
                own.remove(value);
            }

            @Override
            public Set<String> members(String nodeId) {
                return nodeId.equals(LocalAsyncoroCluster.this.nodeId) ? Set.copyOf(own) : Set.of();
            }
        };
    }

    @Override
    public ClusterLink link() {
        return new ClusterLink(true, this.since, null, "local");
    }
}
