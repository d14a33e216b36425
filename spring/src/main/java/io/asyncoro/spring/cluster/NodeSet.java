package io.asyncoro.spring.cluster;

import java.util.Set;

/**
 * A named set of strings kept per node: each node writes its own, any node reads any node's. Written in the
 * background in order with the node's publications, and written again after an outage of the bus, so a survivor
 * can read a dead node's set, for example the members it served.
 */
public interface NodeSet {

    /** Adds a value to this node's set. Never blocks. */
    void add(String value);

    /** Removes a value from this node's set. Never blocks. */
    void remove(String value);

    /** A node's set, read now; empty when it is unknown or the bus is down. */
    Set<String> members(String nodeId);
}
