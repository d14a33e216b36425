package io.asyncoro.sample.chat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.ClusterLink;
import io.asyncoro.spring.cluster.ClusterMessageListener;
import io.asyncoro.spring.cluster.ClusterSubscription;
import io.asyncoro.spring.cluster.LocalAsyncoroCluster;
import io.asyncoro.spring.cluster.NodeDiedListener;
import io.asyncoro.spring.cluster.NodeSet;

/**
 * The bus of a node alone that, once armed, holds the next join announcement in {@link #publish} until a member
 * has said something (or {@link #HOLD} has passed). The room publishes a join after this node's members heard
 * it, so this stretches the moment between the two, when a member may already answer the newcomer, from
 * microseconds (which a descheduled thread under load can make long) to as long as the test needs.
 */
final class JoinHoldingCluster implements AsyncoroCluster {

    /** How long a held join waits for someone to speak at most, so that a test that says nothing still ends. */
    static final Duration HOLD = Duration.ofSeconds(5);

    private final LocalAsyncoroCluster local = new LocalAsyncoroCluster();
    private final AtomicReference<CountDownLatch> armed = new AtomicReference<>();

    /** Holds the next join announcement until a member says something. */
    void holdNextJoin() {
        this.armed.set(new CountDownLatch(1));
    }

    @Override
    public void publish(String topic, byte[] payload) {
        if (ChatRoom.TOPIC.equals(topic)) {
            ChatEvent event = ChatEvent.decode(payload);
            CountDownLatch said = this.armed.get();
            if (said != null && event.kind() == ChatEvent.Kind.SAID) {
                said.countDown();
            }
            else if (said != null && event.kind() == ChatEvent.Kind.JOINED && said.getCount() > 0) {
                awaitSomeoneSpeaks(said);
            }
        }
        this.local.publish(topic, payload);
    }

    private static void awaitSomeoneSpeaks(CountDownLatch said) {
        try {
            said.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String nodeId() {
        return this.local.nodeId();
    }

    @Override
    public ClusterSubscription subscribe(String topic, ClusterMessageListener listener) {
        return this.local.subscribe(topic, listener);
    }

    @Override
    public ClusterSubscription onNodeDied(NodeDiedListener listener) {
        return this.local.onNodeDied(listener);
    }

    @Override
    public Set<String> liveNodes() {
        return this.local.liveNodes();
    }

    @Override
    public void shareConnectionCounts(Supplier<Map<String, Integer>> counts) {
        this.local.shareConnectionCounts(counts);
    }

    @Override
    public Map<String, Integer> connectionCounts(String serverName) {
        return this.local.connectionCounts(serverName);
    }

    @Override
    public long increment(String counter) {
        return this.local.increment(counter);
    }

    @Override
    public NodeSet nodeSet(String name) {
        return this.local.nodeSet(name);
    }

    @Override
    public ClusterLink link() {
        return this.local.link();
    }
}
