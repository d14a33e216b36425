package io.asyncoro.spring.cluster.redis;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.spring.cluster.ClusterLink;

/**
 * Whether this node reaches Redis, as its reader, writer and heartbeat last found. It logs each change once (an
 * outage as a warning, the return as info) rather than every failed retry, so an outage of minutes is two lines.
 */
final class LinkMonitor {

    private static final Log logger = LogFactory.getLog(LinkMonitor.class);

    private final String nodeId;
    private ClusterLink link;
    // Bumped on every failure: a writer that saw one rewrites what a restarted Redis may have lost.
    private long failures;

    LinkMonitor(String nodeId) {
        this.nodeId = nodeId;
        // Not connected until something has reached Redis: a node that starts while Redis is down says so.
        this.link = new ClusterLink(false, Instant.now(), "not connected yet", "redis");
    }

    synchronized void up() {
        if (!this.link.connected()) {
            logger.info("asyncoro cluster node " + this.nodeId + " reaches Redis"
                    + (this.link.lastError() != null && this.failures > 0 ? " again after an outage since " + this.link.since() : ""));
            this.link = new ClusterLink(true, Instant.now(), null, "redis");
        }
    }

    synchronized void down(Throwable failure) {
        this.failures++;
        if (this.link.connected() || this.failures == 1) {
            logger.warn("asyncoro cluster node " + this.nodeId + " cannot reach Redis; serving its own connections"
                    + " only until it can, and retrying: " + failure);
            this.link = new ClusterLink(false, Instant.now(), String.valueOf(failure), "redis");
        }
    }

    synchronized ClusterLink link() {
        return this.link;
    }

    synchronized long failures() {
        return this.failures;
    }

    synchronized boolean connected() {
        return this.link.connected();
    }

    /** When the link came up last, or {@code null} while it is down. */
    synchronized Instant upSince() {
        return this.link.connected() ? this.link.since() : null;
    }
}
