package io.asyncoro.spring.cluster;

import java.time.Instant;

/**
 * Whether a node's bus reaches the cluster.
 *
 * @param connected whether the last exchange with the bus succeeded
 * @param since when that state began
 * @param lastError the failure that cut the link, {@code null} while connected
 * @param backend what the bus runs on, for example {@code redis} or {@code local}
 */
public record ClusterLink(boolean connected, Instant since, String lastError, String backend) {
}
