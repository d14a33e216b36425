package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.Observation;

/** What an observation of one handled message knows: the server and the connection it came in on. */
public class MessageHandlingContext extends Observation.Context {

    private final String serverName;

    private final String connectionId;

    /**
     * The context of one message.
     *
     * @param serverName the server's name (bounded: a low-cardinality key)
     * @param connectionId the connection's id (unbounded: a high-cardinality key, for traces only)
     */
    public MessageHandlingContext(String serverName, String connectionId) {
        this.serverName = serverName;
        this.connectionId = connectionId;
    }

    /** The server the message arrived on. */
    public String getServerName() {
        return this.serverName;
    }

    /** The connection the message arrived on. */
    public String getConnectionId() {
        return this.connectionId;
    }
}
