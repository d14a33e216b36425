package io.asyncoro.spring.cluster.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.asyncoro.spring.cluster.ClusterSubscription;
import io.asyncoro.spring.cluster.NodeDiedListener;

/**
 * The node's heartbeat and its view of the others. Every heartbeat interval it writes its presence, a hash of its
 * connection counts per server with the node timeout as time to live, notes itself in the cluster's sorted set of
 * nodes, and reads every node's presence. A node seen alive whose presence has expired is dead: the listeners hear
 * of it once.
 *
 * <p>Only after this node has reached Redis for a whole node timeout does it declare anyone dead: after an outage
 * (or a Redis restart) the others need that long to write their presence again.
 */
final class NodePresence {

    private static final Log logger = LogFactory.getLog(NodePresence.class);

    private static final byte[] SINCE = ClusterKeys.bytes("since");
    private static final String COUNT = "count:";

    private final RedisConnectionFactory factory;
    private final ClusterKeys keys;
    private final RedisClusterSettings settings;
    private final LinkMonitor link;
    private final Runnable everyBeat;
    private final List<NodeDiedListener> listeners = new CopyOnWriteArrayList<>();
    private final String since = Instant.now().toString();
    private volatile Supplier<Map<String, Integer>> counts = Map::of;
    // node id -> server -> connections, as last read; this node's own entry is not kept here.
    private volatile Map<String, Map<String, Integer>> others = Map.of();
    private final BackgroundLoop loop;

    NodePresence(RedisConnectionFactory factory, ClusterKeys keys, RedisClusterSettings settings, LinkMonitor link,
            Runnable everyBeat) {
        this.factory = factory;
        this.keys = keys;
        this.settings = settings;
        this.link = link;
        this.everyBeat = everyBeat;
        this.loop = new BackgroundLoop("asyncoro-cluster-presence-" + settings.nodeId(), this::beatLoop);
    }

    void shareConnectionCounts(Supplier<Map<String, Integer>> counts) {
        this.counts = counts;
    }

    ClusterSubscription onNodeDied(NodeDiedListener listener) {
        this.listeners.add(listener);
        return () -> this.listeners.remove(listener);
    }

    Set<String> liveNodes() {
        Set<String> nodes = new HashSet<>(this.others.keySet());
        nodes.add(this.settings.nodeId());
        return nodes;
    }

    Map<String, Integer> connectionCounts(String serverName) {
        Map<String, Integer> byNode = new HashMap<>();
        this.others.forEach((node, counts) -> byNode.put(node, counts.getOrDefault(serverName, 0)));
        byNode.put(this.settings.nodeId(), this.counts.get().getOrDefault(serverName, 0));
        return byNode;
    }

    void start() {
        this.loop.start();
    }

    /** Stops beating; with {@code leave}, removes the presence so that the others know at once. */
    void stop(boolean leave) {
        this.loop.stop(Duration.ofSeconds(2));
        if (leave) {
            try (RedisConnection connection = this.factory.getConnection()) {
                connection.keyCommands().del(this.keys.node(this.settings.nodeId()));
                connection.zSetCommands().zRem(this.keys.nodes(), ClusterKeys.bytes(this.settings.nodeId()));
            }
            catch (RuntimeException ex) {
                logger.debug("asyncoro cluster: could not remove the presence of node " + this.settings.nodeId()
                        + "; it expires by itself: " + ex);
            }
        }
    }

    private void beatLoop() {
        while (this.loop.running()) {
            long started = System.nanoTime();
            try (RedisConnection connection = this.factory.getConnection()) {
                beat(connection);
                this.link.up();
            }
            catch (RuntimeException ex) {
                if (!this.loop.running()) {
                    return;
                }
                this.link.down(ex);
            }
            this.everyBeat.run();
            long left = this.settings.heartbeatInterval().toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }

    private void beat(RedisConnection connection) {
        String self = this.settings.nodeId();
        byte[] presence = this.keys.node(self);
        Map<byte[], byte[]> fields = new HashMap<>();
        fields.put(SINCE, ClusterKeys.bytes(this.since));
        this.counts.get().forEach((server, count) -> fields.put(ClusterKeys.bytes(COUNT + server), ClusterKeys.bytes(count.toString())));
        long now = System.currentTimeMillis();
        connection.hashCommands().hMSet(presence, fields);
        connection.keyCommands().pExpire(presence, this.settings.nodeTimeout().toMillis());
        connection.zSetCommands().zAdd(this.keys.nodes(), now, ClusterKeys.bytes(self));
        // Entries are dropped from the index long after their presence expired, when every survivor has seen them go.
        connection.zSetCommands().zRemRangeByScore(this.keys.nodes(), 0, now - this.settings.nodeSetTimeToLive().toMillis());

        Set<byte[]> indexed = connection.zSetCommands().zRange(this.keys.nodes(), 0, -1);
        Map<String, Map<String, Integer>> alive = new HashMap<>();
        if (indexed != null) {
            for (byte[] id : indexed) {
                String node = ClusterKeys.string(id);
                if (node.equals(self)) {
                    continue;
                }
                Map<byte[], byte[]> hash = connection.hashCommands().hGetAll(this.keys.node(node));
                if (hash != null && !hash.isEmpty()) {
                    alive.put(node, countsOf(hash));
                }
            }
        }
        Map<String, Map<String, Integer>> before = this.others;
        this.others = alive;
        Instant upSince = this.link.upSince();
        boolean settled = upSince != null
                && Duration.between(upSince, Instant.now()).compareTo(this.settings.nodeTimeout()) >= 0;
        for (String node : before.keySet()) {
            if (!alive.containsKey(node)) {
                if (settled) {
                    died(node);
                }
                else {
                    // Not sure yet: keep it in view until this node has been connected for a node timeout.
                    this.others = withNode(this.others, node, before.get(node));
                }
            }
        }
    }

    private void died(String node) {
        logger.info("asyncoro cluster node " + this.settings.nodeId() + ": node " + node + " is dead (no heartbeat for "
                + this.settings.nodeTimeout() + ")");
        for (NodeDiedListener listener : this.listeners) {
            try {
                listener.nodeDied(node);
            }
            catch (RuntimeException ex) {
                logger.warn("asyncoro cluster: node-died listener " + listener + " failed for node " + node + ": " + ex, ex);
            }
        }
    }

    private static Map<String, Map<String, Integer>> withNode(Map<String, Map<String, Integer>> nodes, String node,
            Map<String, Integer> counts) {
        Map<String, Map<String, Integer>> copy = new HashMap<>(nodes);
        copy.put(node, counts);
        return copy;
    }

    private static Map<String, Integer> countsOf(Map<byte[], byte[]> hash) {
        Map<String, Integer> counts = new HashMap<>();
        hash.forEach((field, value) -> {
            String name = ClusterKeys.string(field);
            if (name.startsWith(COUNT)) {
                try {
                    counts.put(name.substring(COUNT.length()), Integer.parseInt(ClusterKeys.string(value)));
                }
                catch (NumberFormatException ex) {
                    // written by a newer or foreign node: not a count this node understands
                }
            }
        });
        return counts;
    }
}
