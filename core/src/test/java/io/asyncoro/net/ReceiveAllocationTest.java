package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Parked;

/**
 * The polled transport's reader gets the bytes the poller read without a second array and copy of them: a raw
 * {@code recv} answers with the poller's chunk when that chunk is all it returns, and {@code recvMsg} with the
 * payload array the poller filled when a whole frame came in one read.
 *
 * <p>This test's own (platform) thread receives, so only what the read allocates on it is counted; the poller
 * allocates on its own thread. The fewest over many rounds skips the first calls' class loading.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReceiveAllocationTest {

    private static final int MESSAGE = 4096;

    private static final int ROUNDS = 60;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aRawReceiveOfAWholeChunkAllocatesNoCopyOfIt() throws Exception {
        byte[] message = message();
        long fewest = Long.MAX_VALUE;
        try (PeerPair pair = PeerPair.open(true)) {
            for (int round = 0; round < ROUNDS; round++) {
                Thread writer = writeOnceParked(pair, "await", message);
                long before = threads.getCurrentThreadAllocatedBytes();
                byte[] data = pair.socket().recv(2 * MESSAGE);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                writer.join();
                if (data.length < MESSAGE) {
                    // split by the kernel: take the rest and leave this round out
                    pair.socket().recvAll(MESSAGE - data.length);
                    continue;
                }
                fewest = Math.min(fewest, allocated);
                assertThat(data).isEqualTo(message);
            }
        }
        assertThat(fewest).as("bytes allocated by the cheapest recv of a whole 4 KiB chunk").isLessThan(MESSAGE);
    }

    @Test
    void aMessageReadOfAWholeFrameAllocatesNoCopyOfIt() throws Exception {
        byte[] message = message();
        byte[] frame = TestFrames.frame(message);
        long fewest = Long.MAX_VALUE;
        try (PeerPair pair = PeerPair.open(true)) {
            for (int round = 0; round < ROUNDS; round++) {
                Thread writer = writeOnceParked(pair, "await", frame);
                long before = threads.getCurrentThreadAllocatedBytes();
                byte[] payload = pair.socket().recvMsg();
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
                writer.join();
                assertThat(payload).isEqualTo(message);
            }
        }
        assertThat(fewest).as("bytes allocated by the cheapest recvMsg of a 4 KiB frame").isLessThan(MESSAGE);
    }

    // The peer writes only once this (reading) thread waits for the poller in the given method (PolledInput.await),
    // so the poller finds a reader waiting whatever kind of thread it runs on and however quickly it wakes.
    private static Thread writeOnceParked(PeerPair pair, String method, byte[] bytes) {
        AtomicReference<Thread> reader = new AtomicReference<>(Thread.currentThread());
        return Thread.ofPlatform().start(() -> {
            Parked.awaitParkedIn(reader, method);
            try {
                pair.peer().getOutputStream().write(bytes);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static byte[] message() {
        byte[] message = new byte[MESSAGE];
        new Random(3).nextBytes(message);
        return message;
    }
}
