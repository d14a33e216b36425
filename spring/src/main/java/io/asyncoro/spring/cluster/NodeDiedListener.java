package io.asyncoro.spring.cluster;

/** Told once when another node of the cluster is found dead. */
@FunctionalInterface
public interface NodeDiedListener {

    /**
     * Handles a node's death; its {@link NodeSet}s can still be read here.
     *
     * @param nodeId the id of the node that died
     */
    void nodeDied(String nodeId);
}
