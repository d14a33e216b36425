package io.asyncoro.spring.cluster;

/** Receives the payloads other nodes publish on a topic; called on the bus's reader thread, so it must not block. */
@FunctionalInterface
public interface ClusterMessageListener {

    /** Handles one payload. A failure is logged and does not stop the delivery of the next. */
    void onMessage(ClusterMessage message);
}
