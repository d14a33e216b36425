package io.asyncoro.bench.cluster;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * One node of the cross-node fan-out run: every message a member sends goes to every other member of the server
 * {@code fanout}, on this node at once and on the other nodes through the cluster bus
 * ({@link ConnectionRegistry#broadcastCluster}).
 */
@SpringBootApplication
public class FanOutApplication {

    /** Relays each message to every other member, cluster-wide. */
    @SocketController("fanout")
    static class FanOutController {

        private final ConnectionRegistry registry;

        FanOutController(ConnectionRegistry registry) {
            this.registry = registry;
        }

        @OnMessage
        void relay(byte[] message, AsyncConnection sender) {
            this.registry.broadcastCluster("fanout", message, member -> member != sender);
        }
    }
}
