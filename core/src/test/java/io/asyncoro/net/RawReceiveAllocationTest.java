package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A raw {@code recv} on the polled transport answers with the chunk the poller read when that chunk is all it
 * returns: a raw echo of 4 KiB messages costs no second array and copy per message.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RawReceiveAllocationTest {

    private static final int MESSAGE = 4096;

    private static final int ROUNDS = 60;

    @Test
    void aRawReceiveOfAWholeChunkAllocatesNoCopyOfIt() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] message = new byte[MESSAGE];
        new Random(3).nextBytes(message);
        long fewest = Long.MAX_VALUE;
        // This test's own (platform) thread receives, so only what recv allocates on it is counted; the poller
        // allocates the chunk on its thread. The fewest over many rounds skips a chunk split by the kernel and the
        // first calls' class loading.
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
}
