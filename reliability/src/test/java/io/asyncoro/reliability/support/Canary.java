package io.asyncoro.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.asyncoro.net.AsyncSocket;

/**
 * A well-behaved client that keeps echoing numbered messages on its own thread while a test abuses the server
 * through other connections: if the abuse touched anyone else, the canary's round trips stop or fail.
 */
public final class Canary implements AutoCloseable {

    private final AsyncSocket socket;
    private final Thread thread;
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private Canary(AsyncSocket socket) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("canary").start(this::run);
    }

    /** Starts echoing over an already connected socket. */
    public static Canary start(AsyncSocket connected) {
        return new Canary(connected);
    }

    private void run() {
        long seq = 0;
        try {
            while (running) {
                byte[] sent = ByteBuffer.allocate(16).putLong(seq).putLong(~seq).array();
                socket.sendMsg(sent);
                byte[] got = socket.recvMsg();
                if (!Arrays.equals(sent, got)) {
                    throw new AssertionError("canary round trip " + seq + " came back wrong");
                }
                seq++;
                roundTrips.incrementAndGet();
            }
        }
        catch (Throwable ex) {
            if (running) {
                failure.set(ex);
            }
        }
    }

    public long roundTrips() {
        return roundTrips.get();
    }

    /** What stopped the canary, or {@code null} while it is healthy. */
    public Throwable failure() {
        return failure.get();
    }

    /** Waits for more round trips from now on and checks none failed: the canary is still being served. */
    public void assertStillServing() {
        long now = roundTrips();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    assertThat(failure()).as("canary failure").isNull();
                    assertThat(roundTrips()).isGreaterThan(now + 10);
                });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        socket.close();
        thread.join(5000);
    }
}
