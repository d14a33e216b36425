package io.asyncoro.sample.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import redis.embedded.RedisServer;

/**
 * A real Redis for one test, from embedded-redis's bundled {@code redis-server}: on a free loopback port, without
 * persistence (a restart loses everything, the worst case), its files in a temporary folder. A test whose Redis
 * cannot start is reported skipped with the reason, never passed.
 */
final class TestRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private RedisServer server;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** A Redis started on a free port, or the test aborted (skipped) when none can start. */
    static TestRedis startOrSkip() {
        TestRedis redis = notStarted();
        redis.startOrSkipAgain();
        return redis;
    }

    /** A Redis with a port reserved for it, not started: for a node that starts while Redis is down. */
    static TestRedis notStarted() {
        try {
            return new TestRedis(freePort(), Files.createTempDirectory("asyncoro-test-redis"));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Starts (or restarts) Redis on this port; aborts the test when it cannot. */
    void startOrSkipAgain() {
        try {
            this.server = RedisServer.newRedisServer()
                .port(this.port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + this.dir)
                .build();
            this.server.start();
        }
        catch (IOException | RuntimeException ex) {
            Assumptions.abort("Redis could not start on 127.0.0.1:" + this.port + " (" + ex + ")");
        }
    }

    int port() {
        return this.port;
    }

    /** Stops Redis; everything it held is lost. */
    void stop() {
        if (this.server != null) {
            try {
                this.server.stop();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            this.server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
