package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The polled transport's reader gets the bytes the poller read without a second array and copy of them: a raw
 * {@code recv} answers with the poller's chunk when that chunk is all it returns, and {@code recvMsg} with the
 * payload array the poller filled when a whole frame came in one read.
 *
 * <p>This test's own (platform) thread receives, so only what the read allocates on it is counted; the poller
 * allocates on its own thread. The fewest over many rounds skips reads split by the kernel and the first calls'
 * class loading.
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
            OutputStream out = pair.peer().getOutputStream();
            for (int round = 0; round < ROUNDS; round++) {
                out.write(message);
                int received = 0;
                while (received < MESSAGE) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    byte[] data = pair.socket().recv(2 * MESSAGE);
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    if (data.length == MESSAGE) {
                        fewest = Math.min(fewest, allocated);
                        assertThat(data).isEqualTo(message);
                    }
                    received += data.length;
                }
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
            OutputStream out = pair.peer().getOutputStream();
            for (int round = 0; round < ROUNDS; round++) {
                out.write(frame);
                long before = threads.getCurrentThreadAllocatedBytes();
                byte[] payload = pair.socket().recvMsg();
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
                assertThat(payload).isEqualTo(message);
            }
        }
        assertThat(fewest).as("bytes allocated by the cheapest recvMsg of a 4 KiB frame").isLessThan(MESSAGE);
    }

    private static byte[] message() {
        byte[] message = new byte[MESSAGE];
        new Random(3).nextBytes(message);
        return message;
    }
}
