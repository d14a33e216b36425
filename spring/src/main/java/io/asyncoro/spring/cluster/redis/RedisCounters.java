package io.asyncoro.spring.cluster.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Cluster-wide counters: {@code INCR} on Redis. So that a node can still hand out unique values while Redis is
 * unreachable, each node reserves a block of values for outages ({@code INCRBY} on a second counter, once Redis
 * answered): outage values are {@value #OUTAGE_BASE} plus a reserved value, apart from the ordinary ones. A node
 * that uses up its block during one outage counts on in memory from {@value #LOCAL_BASE}, which is unique on that
 * node only, and says so in the log.
 */
final class RedisCounters {

    private static final Log logger = LogFactory.getLog(RedisCounters.class);

    /** Where values handed out from a reserved block start. */
    static final long OUTAGE_BASE = 1_000_000_000L;

    /** Where values handed out with no reserved block left start. */
    static final long LOCAL_BASE = 2_000_000_000L;

    static final int BLOCK = 1000;

    private final RedisConnectionFactory factory;
    private final ClusterKeys keys;
    private final LinkMonitor link;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    RedisCounters(RedisConnectionFactory factory, ClusterKeys keys, LinkMonitor link) {
        this.factory = factory;
        this.keys = keys;
        this.link = link;
    }

    long increment(String counter) {
        Block block = this.blocks.computeIfAbsent(counter, c -> new Block());
        try (RedisConnection connection = this.factory.getConnection()) {
            Long value = connection.stringCommands().incr(this.keys.counter(counter));
            block.reserveIfNeeded(connection, this.keys.outageCounter(counter));
            this.link.up();
            return value;
        }
        catch (RuntimeException ex) {
            this.link.down(ex);
            return block.next(counter);
        }
    }

    private static final class Block {

        private long next;
        private long end; // exclusive; next == end when nothing is reserved
        private long local;

        synchronized void reserveIfNeeded(RedisConnection connection, byte[] key) {
            if (this.next < this.end) {
                return;
            }
            Long last = connection.stringCommands().incrBy(key, BLOCK);
            this.end = last + 1;
            this.next = last - BLOCK + 1;
        }

        synchronized long next(String counter) {
            if (this.next < this.end) {
                return OUTAGE_BASE + this.next++;
            }
            if (this.local == 0) {
                logger.warn("asyncoro cluster: counter " + counter + " has no reserved values left while Redis is"
                        + " unreachable; counting on from " + LOCAL_BASE + ", unique on this node only");
            }
            return LOCAL_BASE + ++this.local;
        }
    }
}
