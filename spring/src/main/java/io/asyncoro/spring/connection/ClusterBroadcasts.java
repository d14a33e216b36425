package io.asyncoro.spring.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.ClusterMessage;

/**
 * The {@link ConnectionRegistry}'s side of the cluster bus: a cluster broadcast is published on one topic as the
 * server's name and the payload, and each node that hears it broadcasts the payload to its own connections of
 * that server.
 */
final class ClusterBroadcasts {

    /** The bus topic of the registry's cluster broadcasts. */
    static final String TOPIC = "asyncoro.registry.broadcast";

    private static final Log logger = LogFactory.getLog(ClusterBroadcasts.class);

    private final AsyncoroCluster cluster;

    ClusterBroadcasts(AsyncoroCluster cluster, BiFunction<String, Object, Integer> localBroadcast) {
        this.cluster = cluster;
        cluster.subscribe(TOPIC, message -> deliver(message, localBroadcast));
    }

    void publish(String serverName, byte[] payload) {
        byte[] name = serverName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer framed = ByteBuffer.allocate(2 + name.length + payload.length);
        framed.putShort((short) name.length).put(name).put(payload);
        this.cluster.publish(TOPIC, framed.array());
    }

    Map<String, Integer> counts(String serverName) {
        return this.cluster.connectionCounts(serverName);
    }

    private static void deliver(ClusterMessage message, BiFunction<String, Object, Integer> localBroadcast) {
        ByteBuffer framed = ByteBuffer.wrap(message.payload());
        if (framed.remaining() < 2) {
            logger.debug("asyncoro cluster: ignoring a registry broadcast too short to name its server");
            return;
        }
        int length = Short.toUnsignedInt(framed.getShort());
        if (framed.remaining() < length) {
            logger.debug("asyncoro cluster: ignoring a registry broadcast whose server name is cut short");
            return;
        }
        byte[] name = new byte[length];
        framed.get(name);
        byte[] payload = new byte[framed.remaining()];
        framed.get(payload);
        localBroadcast.apply(new String(name, StandardCharsets.UTF_8), payload);
    }
}
