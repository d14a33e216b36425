package io.asyncoro.spring.cluster.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.ClusterLink;
import io.asyncoro.spring.cluster.ClusterMessageListener;
import io.asyncoro.spring.cluster.ClusterSubscription;
import io.asyncoro.spring.cluster.NodeDiedListener;
import io.asyncoro.spring.cluster.NodeSet;
import io.asyncoro.spring.server.AsyncoroServersLifecycle;

/**
 * The cluster bus on Redis, through Spring Data Redis: one stream per topic, written with
 * {@code XADD ... MAXLEN ~ N} and read by each node from the last id it delivered; presence as a hash per node
 * with a time to live; counters with {@code INCR}; node sets as Redis sets.
 *
 * <p>Streams rather than pub/sub: pub/sub delivers only to subscribers connected at that instant, so a node whose
 * link drops for a second loses what was published in that second; a stream keeps it, and the node reads on from
 * where it was.
 *
 * <p>It starts before the socket servers and stops after them (so that the leave notices their handlers publish
 * while stopping go out first): a stop lets queued writes go out for up to two seconds, then removes the node's
 * presence, so the others learn at once that it left.
 */
public final class RedisAsyncoroCluster implements AsyncoroCluster, SmartLifecycle {

    /** Starts before and stops after the socket servers. */
    public static final int PHASE = AsyncoroServersLifecycle.PHASE - 100;

    private static final Duration FLUSH_ON_STOP = Duration.ofSeconds(2);

    private final RedisClusterSettings settings;
    private final ClusterKeys keys;
    private final LinkMonitor link;
    private final ClusterWriter writer;
    private final TopicReader reader;
    private final NodePresence presence;
    private final RedisNodeSets sets;
    private final RedisCounters counters;
    private final AtomicLong sequence = new AtomicLong();
    private final byte[] nodeIdBytes;
    private volatile boolean running;

    /** A bus for one node; it joins the cluster when started. */
    public RedisAsyncoroCluster(RedisConnectionFactory factory, RedisClusterSettings settings) {
        this.settings = settings;
        this.keys = new ClusterKeys(settings.name());
        this.link = new LinkMonitor(settings.nodeId());
        this.nodeIdBytes = ClusterKeys.bytes(settings.nodeId());
        // The writer runs only once started, by when the sets exist: it rewrites them after every failure.
        this.writer = new ClusterWriter(factory, this.link, settings.publishQueueCapacity(), this::rewriteSets);
        this.sets = new RedisNodeSets(factory, this.keys, settings, this.writer, this.link);
        this.counters = new RedisCounters(factory, this.keys, this.link);
        this.reader = new TopicReader(factory, this.keys, settings.nodeId(), this.link);
        this.presence = new NodePresence(factory, this.keys, settings, this.link,
                () -> this.writer.submit(this.sets::refresh));
        this.presence.onNodeDied(this.reader::forget);
    }

    @Override
    public String nodeId() {
        return this.settings.nodeId();
    }

    @Override
    public void publish(String topic, byte[] payload) {
        byte[] stream = this.keys.topic(topic);
        XAddOptions trim = XAddOptions.maxlen(this.settings.streamMaxLength()).approximateTrimming(true);
        long[] sequence = new long[1];
        this.writer.submit(c -> {
            // Numbered on the writer's thread, once: in stream order even when many threads publish at once (a
            // number taken by the publishing thread could reach the stream after a larger one and be taken for a
            // duplicate), and the same number again when the write is retried.
            if (sequence[0] == 0) {
                sequence[0] = this.sequence.incrementAndGet();
            }
            Map<byte[], byte[]> fields = new HashMap<>(4);
            fields.put(TopicReader.NODE, this.nodeIdBytes);
            fields.put(TopicReader.SEQUENCE, ClusterKeys.bytes(Long.toString(sequence[0])));
            fields.put(TopicReader.PAYLOAD, payload);
            c.streamCommands().xAdd(StreamRecords.rawBytes(fields).withStreamKey(stream), trim);
        });
    }

    @Override
    public ClusterSubscription subscribe(String topic, ClusterMessageListener listener) {
        return this.reader.subscribe(topic, listener);
    }

    @Override
    public ClusterSubscription onNodeDied(NodeDiedListener listener) {
        return this.presence.onNodeDied(listener);
    }

    @Override
    public Set<String> liveNodes() {
        return this.presence.liveNodes();
    }

    @Override
    public void shareConnectionCounts(Supplier<Map<String, Integer>> counts) {
        this.presence.shareConnectionCounts(counts);
    }

    @Override
    public Map<String, Integer> connectionCounts(String serverName) {
        return this.presence.connectionCounts(serverName);
    }

    @Override
    public long increment(String counter) {
        return this.counters.increment(counter);
    }

    @Override
    public NodeSet nodeSet(String name) {
        return this.sets.set(name);
    }

    @Override
    public ClusterLink link() {
        return this.link.link();
    }

    private void rewriteSets(RedisConnection connection) {
        this.sets.rewrite(connection);
    }

    /** How many writes wait for Redis. */
    public int pendingWrites() {
        return this.writer.pending();
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.writer.start(nodeId());
        this.reader.start();
        this.presence.start();
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        if (!this.running) {
            return;
        }
        this.running = false;
        this.writer.stop(FLUSH_ON_STOP);
        this.presence.stop(true);
        this.reader.stop();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
