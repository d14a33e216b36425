package io.asyncoro.spring.cluster.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis keys of one cluster, all under its name: {@code NAME:topic:TOPIC} (a stream per topic),
 * {@code NAME:nodes} (a sorted set of node ids by last heartbeat), {@code NAME:node:ID} (a node's presence, a hash
 * with a time to live), {@code NAME:node:ID:set:SET} (a node's sets) and {@code NAME:counter:COUNTER}.
 */
final class ClusterKeys {

    private final String prefix;

    ClusterKeys(String name) {
        this.prefix = name + ":";
    }

    byte[] topic(String topic) {
        return bytes(this.prefix + "topic:" + topic);
    }

    /** The topic a stream key names, or {@code null} when it is not one of this cluster's streams. */
    String topicOf(byte[] streamKey) {
        String key = new String(streamKey, StandardCharsets.UTF_8);
        String start = this.prefix + "topic:";
        return key.startsWith(start) ? key.substring(start.length()) : null;
    }

    byte[] nodes() {
        return bytes(this.prefix + "nodes");
    }

    byte[] node(String nodeId) {
        return bytes(this.prefix + "node:" + nodeId);
    }

    byte[] nodeSet(String nodeId, String set) {
        return bytes(this.prefix + "node:" + nodeId + ":set:" + set);
    }

    byte[] counter(String counter) {
        return bytes(this.prefix + "counter:" + counter);
    }

    byte[] outageCounter(String counter) {
        return bytes(this.prefix + "counter:" + counter + ":outage");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
