package io.asyncoro.spring.cluster;

/**
 * A payload another node published.
 *
 * @param topic the topic it was published on
 * @param nodeId the id of the node that published it
 * @param payload the bytes published
 */
public record ClusterMessage(String topic, String nodeId, byte[] payload) {
}
