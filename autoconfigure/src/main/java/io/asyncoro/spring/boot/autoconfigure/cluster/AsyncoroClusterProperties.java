package io.asyncoro.spring.boot.autoconfigure.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cluster bus: several instances of the application serving one set of clients, joined through Redis (the
 * {@code RedisConnectionFactory} that {@code spring.data.redis.*} configures).
 */
@ConfigurationProperties("asyncoro.cluster")
public class AsyncoroClusterProperties {

    /**
     * Whether this node joins a cluster through Redis. Needs Spring Data Redis (spring-boot-starter-data-redis) on
     * the class path; without it, or when false, the node runs alone.
     */
    private boolean enabled;

    /** The cluster's name: the prefix of its Redis keys and streams, so that several clusters can share one Redis. */
    private String name = "asyncoro";

    /** This node's id, unique per process; generated when not set (12 random hex digits). */
    private String nodeId;

    /** How often a node refreshes its presence in Redis and looks for nodes that died. */
    private Duration heartbeatInterval = Duration.ofSeconds(1);

    /**
     * How long a node's presence lives without a refresh: a node silent that long is dead, and the others are
     * told. Longer than the link outages a node should survive without being declared dead.
     */
    private Duration nodeTimeout = Duration.ofSeconds(12);

    /** About how many messages each topic's stream keeps (XADD MAXLEN ~): how far behind a node may fall. */
    private long streamMaxLength = 10_000;

    /** The most writes a node queues while Redis is slow or unreachable; newer ones are dropped past it. */
    private int publishQueueCapacity = 100_000;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNodeId() {
        return this.nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getNodeTimeout() {
        return this.nodeTimeout;
    }

    public void setNodeTimeout(Duration nodeTimeout) {
        this.nodeTimeout = nodeTimeout;
    }

    public long getStreamMaxLength() {
        return this.streamMaxLength;
    }

    public void setStreamMaxLength(long streamMaxLength) {
        this.streamMaxLength = streamMaxLength;
    }

    public int getPublishQueueCapacity() {
        return this.publishQueueCapacity;
    }

    public void setPublishQueueCapacity(int publishQueueCapacity) {
        this.publishQueueCapacity = publishQueueCapacity;
    }
}
