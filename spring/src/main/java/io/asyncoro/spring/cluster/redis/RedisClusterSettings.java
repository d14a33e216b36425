package io.asyncoro.spring.cluster.redis;

import java.time.Duration;

/**
 * How a node joins the cluster through Redis.
 *
 * @param name the prefix of every key and stream, so that several clusters can share one Redis
 * @param nodeId this node's id, unique per process
 * @param heartbeatInterval how often the node refreshes its presence and looks for dead nodes
 * @param nodeTimeout how long a node's presence lives without a refresh: a node silent that long is dead
 * @param streamMaxLength about how many messages each topic's stream keeps ({@code XADD MAXLEN ~})
 * @param publishQueueCapacity the most writes a node queues while Redis is slow or unreachable
 */
public record RedisClusterSettings(String name, String nodeId, Duration heartbeatInterval, Duration nodeTimeout,
        long streamMaxLength, int publishQueueCapacity) {

    /** Checks the values; names the one that is wrong. */
    public RedisClusterSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + heartbeatInterval);
        }
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "node timeout " + nodeTimeout + " must be at least twice the heartbeat interval " + heartbeatInterval);
        }
        if (streamMaxLength < 1 || publishQueueCapacity < 1) {
            throw new IllegalArgumentException("stream max length and publish queue capacity must be positive");
        }
    }

    /** How long a node's sets outlive its last heartbeat: long enough for every survivor to read them. */
    Duration nodeSetTimeToLive() {
        return this.nodeTimeout.multipliedBy(5);
    }
}
