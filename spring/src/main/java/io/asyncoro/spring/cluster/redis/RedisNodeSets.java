package io.asyncoro.spring.cluster.redis;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.asyncoro.spring.cluster.NodeSet;

/**
 * This node's sets: kept in memory, mirrored to Redis by the {@link ClusterWriter} in order with the node's
 * publications, and rewritten whole after a failure, since Redis may have restarted empty. Each key lives a few
 * node timeouts past the node's last heartbeat, so that survivors can read it after the node died.
 */
final class RedisNodeSets {

    private final RedisConnectionFactory factory;
    private final ClusterKeys keys;
    private final RedisClusterSettings settings;
    private final ClusterWriter writer;
    private final LinkMonitor link;
    private final Map<String, Set<String>> own = new ConcurrentHashMap<>();

    RedisNodeSets(RedisConnectionFactory factory, ClusterKeys keys, RedisClusterSettings settings,
            ClusterWriter writer, LinkMonitor link) {
        this.factory = factory;
        this.keys = keys;
        this.settings = settings;
        this.writer = writer;
        this.link = link;
    }

    NodeSet set(String name) {
        Set<String> values = this.own.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        byte[] key = this.keys.nodeSet(this.settings.nodeId(), name);
        long ttl = this.settings.nodeSetTimeToLive().toMillis();
        return new NodeSet() {

            @Override
            public void add(String value) {
                values.add(value);
                RedisNodeSets.this.writer.submit(c -> {
                    c.setCommands().sAdd(key, ClusterKeys.bytes(value));
                    c.keyCommands().pExpire(key, ttl);
                });
            }

            @Override
            public void remove(String value) {
                values.remove(value);
                RedisNodeSets.this.writer.submit(c -> c.setCommands().sRem(key, ClusterKeys.bytes(value)));
            }

            @Override
            public Set<String> members(String nodeId) {
                return RedisNodeSets.this.read(nodeId, name);
            }
        };
    }

    private Set<String> read(String nodeId, String name) {
        try (RedisConnection connection = this.factory.getConnection()) {
            Set<byte[]> members = connection.setCommands().sMembers(this.keys.nodeSet(nodeId, name));
            this.link.up();
            Set<String> values = new HashSet<>();
            if (members != null) {
                members.forEach(m -> values.add(ClusterKeys.string(m)));
            }
            return values;
        }
        catch (RuntimeException ex) {
            this.link.down(ex);
            return Set.of();
        }
    }

    /** Writes every set again, whole (after a failure: Redis may have restarted without them). */
    void rewrite(RedisConnection connection) {
        long ttl = this.settings.nodeSetTimeToLive().toMillis();
        this.own.forEach((name, values) -> {
            byte[] key = this.keys.nodeSet(this.settings.nodeId(), name);
            connection.keyCommands().del(key);
            byte[][] members = values.stream().map(ClusterKeys::bytes).toArray(byte[][]::new);
            if (members.length > 0) {
                connection.setCommands().sAdd(key, members);
                connection.keyCommands().pExpire(key, ttl);
            }
        });
    }

    /** Keeps the sets alive while the node is. */
    void refresh(RedisConnection connection) {
        long ttl = this.settings.nodeSetTimeToLive().toMillis();
        this.own.keySet().forEach(name -> connection.keyCommands().pExpire(this.keys.nodeSet(this.settings.nodeId(), name), ttl));
    }
}
