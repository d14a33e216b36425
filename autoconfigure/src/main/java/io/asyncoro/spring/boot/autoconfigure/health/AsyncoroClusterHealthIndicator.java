package io.asyncoro.spring.boot.autoconfigure.health;

import java.util.TreeSet;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.ClusterLink;

/**
 * Health of the cluster bus, contributed as {@code asyncoroCluster}: {@code UP} while this node reaches Redis,
 * {@code OUT_OF_SERVICE} while it does not (it then serves its own connections only). Not {@code DOWN}: the node is
 * alive and serves its members; Boot's readiness and liveness groups do not include this contributor, so Kubernetes
 * keeps routing to the node, while {@code /actuator/health} shows the outage. The details give this node's id, the
 * live nodes, and since when the link is in its state and why it is down.
 */
public final class AsyncoroClusterHealthIndicator extends AbstractHealthIndicator {

    private final AsyncoroCluster cluster;

    /** An indicator over {@code cluster}. */
    public AsyncoroClusterHealthIndicator(AsyncoroCluster cluster) {
        super("asyncoro cluster health check failed");
        this.cluster = cluster;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClusterLink link = this.cluster.link();
        if (link.connected()) {
            builder.up();
        }
        else {
            builder.outOfService();
        }
        builder.withDetail("backend", link.backend())
            .withDetail("nodeId", this.cluster.nodeId())
            .withDetail("connected", link.connected())
            .withDetail("since", link.since().toString())
            .withDetail("liveNodes", new TreeSet<>(this.cluster.liveNodes()));
        if (link.lastError() != null) {
            builder.withDetail("error", link.lastError());
        }
    }
}
