package io.asyncoro.spring.cluster.redis;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Writes to Redis in the order the node asked, on one thread of its own, so that publishing never waits on Redis.
 * A write that fails is retried (after a pause) until it succeeds: while Redis is unreachable writes wait in a
 * bounded queue and go out, in order, once it is back. A full queue drops the newest write and logs it once per
 * outage: the node's own connections were served already.
 */
final class ClusterWriter {

    /** One write, run on the writer's thread with a connection to Redis. */
    @FunctionalInterface
    interface Write {

        void run(RedisConnection connection);
    }

    private static final Log logger = LogFactory.getLog(ClusterWriter.class);

    private static final Duration MAX_PAUSE = Duration.ofMillis(500);

    private final RedisConnectionFactory factory;
    private final LinkMonitor link;
    private final BlockingQueue<Write> queue;
    private final Write afterFailure;
    private volatile BackgroundLoop loop;
    private volatile boolean droppedThisOutage;
    // True while a write taken from the queue is not done: a stop waits for it as for the queued ones.
    private volatile boolean busy;

    /**
     * @param afterFailure run on the writer's thread before the first write after a failure (or the start), for
     *        example to rewrite what a restarted Redis lost
     */
    ClusterWriter(RedisConnectionFactory factory, LinkMonitor link, int capacity, Write afterFailure) {
        this.factory = factory;
        this.link = link;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.afterFailure = afterFailure;
    }

    void start(String nodeId) {
        this.loop = new BackgroundLoop("asyncoro-cluster-writer-" + nodeId, this::writeLoop);
        this.loop.start();
    }

    /** Queues a write; never blocks. */
    void submit(Write write) {
        if (!this.queue.offer(write) && !this.droppedThisOutage) {
            this.droppedThisOutage = true;
            logger.warn("asyncoro cluster: " + this.queue.size() + " writes are waiting for Redis; dropping newer"
                    + " ones until it is back (other nodes will miss them)");
        }
    }

    /** How many writes wait, the one being written included. */
    int pending() {
        return this.queue.size() + (this.busy ? 1 : 0);
    }

    /** Lets the queued writes go out for at most {@code timeout}, then stops. */
    void stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((this.busy || !this.queue.isEmpty()) && System.nanoTime() < deadline && this.link.connected()) {
            sleep(Duration.ofMillis(10));
        }
        if (this.loop != null) {
            this.loop.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1));
        }
    }

    private void writeLoop() {
        Duration pause = Duration.ofMillis(50);
        boolean failed = true; // the first write after start rewrites the node's sets too
        while (this.loop.running()) {
            Write write;
            try {
                write = this.queue.take();
                this.busy = true;
            }
            catch (InterruptedException ex) {
                return;
            }
            // Retried until written: order matters more than latency, and a later write must not overtake it.
            while (this.loop.running()) {
                try (RedisConnection connection = this.factory.getConnection()) {
                    if (failed) {
                        this.afterFailure.run(connection);
                    }
                    write.run(connection);
                    failed = false;
                    this.busy = false;
                    this.droppedThisOutage = false;
                    this.link.up();
                    pause = Duration.ofMillis(50);
                    break;
                }
                catch (RuntimeException ex) {
                    failed = true;
                    this.link.down(ex);
                    if (!sleep(pause)) {
                        return;
                    }
                    pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                }
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
