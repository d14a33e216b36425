package io.asyncoro.spring.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

import io.asyncoro.spring.cluster.ClusterMessage;
import io.asyncoro.spring.cluster.ClusterMessageListener;
import io.asyncoro.spring.cluster.ClusterSubscription;

/**
 * Reads every subscribed topic's stream with one blocking {@code XREAD} on one connection held by one thread, from
 * the last id this node delivered (kept in memory; a topic subscribed to starts at the stream's end, as {@code $}
 * would). After an outage it goes on from that id, so what was published meanwhile is delivered then, unless the
 * stream was trimmed past it ({@code MAXLEN ~}) or Redis restarted without it.
 *
 * <p>Why not {@code StreamMessageListenerContainer}: it polls each subscription with a read of its own, taking a
 * connection per read, and a blocking read needs a dedicated connection; one read for all topics on one held
 * connection costs one Redis connection per node however many topics there are.
 *
 * <p>Each record carries its sender's node id and a sequence number that grows with each publication of that
 * node: a record sent twice (a write retried after its answer was lost) is delivered once.
 */
final class TopicReader {

    private static final Log logger = LogFactory.getLog(TopicReader.class);

    static final byte[] NODE = ClusterKeys.bytes("n");
    static final byte[] SEQUENCE = ClusterKeys.bytes("s");
    static final byte[] PAYLOAD = ClusterKeys.bytes("p");

    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final long BATCH = 512;

    private final RedisConnectionFactory factory;
    private final ClusterKeys keys;
    private final String nodeId;
    private final LinkMonitor link;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final BackgroundLoop loop;

    TopicReader(RedisConnectionFactory factory, ClusterKeys keys, String nodeId, LinkMonitor link) {
        this.factory = factory;
        this.keys = keys;
        this.nodeId = nodeId;
        this.link = link;
        this.loop = new BackgroundLoop("asyncoro-cluster-reader-" + nodeId, this::readLoop);
    }

    ClusterSubscription subscribe(String topic, ClusterMessageListener listener) {
        Topic state = this.topics.computeIfAbsent(topic, t -> new Topic(this.keys.topic(t)));
        if (state.lastId == null) {
            // Found at once when Redis answers, so that a publication right after subscribing is not missed.
            state.lastId = endOf(state.key);
        }
        state.listeners.add(listener);
        return () -> state.listeners.remove(listener);
    }

    void start() {
        this.loop.start();
    }

    void stop() {
        this.loop.stop(BLOCK.plusSeconds(2));
    }

    private void readLoop() {
        Duration pause = Duration.ofMillis(50);
        while (this.loop.running()) {
            // Held across reads: its dedicated connection for blocking reads stays open, one per node.
            try (RedisConnection connection = this.factory.getConnection()) {
                while (this.loop.running()) {
                    readOnce(connection);
                    this.link.up();
                    pause = Duration.ofMillis(50);
                }
            }
            catch (RuntimeException ex) {
                if (!this.loop.running()) {
                    return;
                }
                this.link.down(ex);
                try {
                    Thread.sleep(pause);
                }
                catch (InterruptedException ie) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofMillis(500)) > 0 ? Duration.ofMillis(500)
                        : pause.multipliedBy(2);
            }
        }
    }

    private void readOnce(RedisConnection connection) {
        List<StreamOffset<byte[]>> offsets = new ArrayList<>();
        Map<String, Topic> byStream = new HashMap<>();
        for (Topic topic : this.topics.values()) {
            if (topic.lastId == null) {
                topic.lastId = endOf(connection, topic.key);
            }
            offsets.add(StreamOffset.create(topic.key, ReadOffset.from(topic.lastId)));
            byStream.put(ClusterKeys.string(topic.key), topic);
        }
        if (offsets.isEmpty()) {
            // Nothing subscribed yet: still checks the link, so health tells the truth.
            connection.ping();
            try {
                Thread.sleep(BLOCK);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        @SuppressWarnings("unchecked")
        List<ByteRecord> records = connection.streamCommands().xRead(
                StreamReadOptions.empty().count(BATCH).block(BLOCK), offsets.toArray(new StreamOffset[0]));
        if (records == null) {
            return;
        }
        for (ByteRecord record : records) {
            Topic topic = byStream.get(ClusterKeys.string(record.getStream()));
            if (topic == null) {
                continue;
            }
            topic.lastId = record.getId().getValue();
            deliver(topic, record);
        }
    }

    private void deliver(Topic topic, ByteRecord record) {
        byte[] node = null;
        byte[] sequence = null;
        byte[] payload = null;
        for (Map.Entry<byte[], byte[]> field : record.getValue().entrySet()) {
            byte[] name = field.getKey();
            if (name.length == 1) {
                switch (name[0]) {
                    case 'n' -> node = field.getValue();
                    case 's' -> sequence = field.getValue();
                    case 'p' -> payload = field.getValue();
                    default -> {
                    }
                }
            }
        }
        if (node == null || sequence == null || payload == null) {
            logger.debug("asyncoro cluster: skipping record " + record.getId() + " without sender, sequence or payload");
            return;
        }
        String sender = ClusterKeys.string(node);
        if (sender.equals(this.nodeId)) {
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(ClusterKeys.string(sequence));
        }
        catch (NumberFormatException ex) {
            // Not written by a node of this cluster: skipped, and the reading goes on.
            logger.debug("asyncoro cluster: skipping record " + record.getId() + " with a malformed sequence");
            return;
        }
        Long last = topic.lastSequence.get(sender);
        if (last != null && seq <= last) {
            return; // a retried write that had gone through the first time
        }
        topic.lastSequence.put(sender, seq);
        ClusterMessage message = new ClusterMessage(topic.name(this.keys), sender, payload);
        for (ClusterMessageListener listener : topic.listeners) {
            try {
                listener.onMessage(message);
            }
            catch (RuntimeException ex) {
                logger.warn("asyncoro cluster: listener " + listener + " failed on topic " + message.topic() + ": " + ex, ex);
            }
        }
    }

    /** Forgets what a dead node sent: it will send nothing more. */
    void forget(String nodeId) {
        this.topics.values().forEach(t -> t.lastSequence.remove(nodeId));
    }

    private String endOf(byte[] key) {
        try (RedisConnection connection = this.factory.getConnection()) {
            String end = endOf(connection, key);
            this.link.up();
            return end;
        }
        catch (RuntimeException ex) {
            this.link.down(ex);
            return null;
        }
    }

    private static String endOf(RedisConnection connection, byte[] key) {
        List<ByteRecord> last = connection.streamCommands().xRevRange(key, Range.unbounded(), Limit.limit().count(1));
        return (last == null || last.isEmpty()) ? "0-0" : last.get(0).getId().getValue();
    }

    private static final class Topic {

        final byte[] key;
        final List<ClusterMessageListener> listeners = new CopyOnWriteArrayList<>();
        // Touched by the reader thread only, but read by subscribe(): the last id delivered, or null until known.
        volatile String lastId;
        final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

        Topic(byte[] key) {
            this.key = key;
        }

        String name(ClusterKeys keys) {
            return keys.topicOf(this.key);
        }
    }
}
