package io.asyncoro.spring.cluster;

/** A listener's registration with the cluster bus; closing it stops the deliveries. */
public interface ClusterSubscription extends AutoCloseable {

    /** Stops the deliveries to the listener; idempotent. */
    @Override
    void close();
}
