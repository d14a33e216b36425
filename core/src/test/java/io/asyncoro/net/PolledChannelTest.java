package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;
import io.asyncoro.testsupport.Parked;

/** The poller's side of a plain socket: what it reads ahead of a slow reader, and what it hands over. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolledChannelTest {

    private static final int TOTAL = 32 * 1024 * 1024;

    @Test
    void aReaderThatDoesNotReadStopsThePollerAtTheHighWaterMarkAndGetsEveryByteInOrderLater() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            PolledChannel polled = pair.socket().polledChannel();
            assertThat(polled).as("a plain connected socket is polled").isNotNull();
            AtomicLong written = new AtomicLong();
            AtomicReference<Thread> writer = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                writer.set(Thread.currentThread());
                byte[] block = new byte[64 * 1024];
                try {
                    OutputStream out = pair.peer().getOutputStream();
                    for (int sent = 0; sent < TOTAL; sent += block.length) {
                        for (int i = 0; i < block.length; i++) {
                            block[i] = pattern(sent + i);
                        }
                        out.write(block);
                        written.addAndGet(block.length);
                    }
                }
                catch (Throwable ex) {
                    failure.set(ex);
                }
            });

            // Nobody reads: the poller fills its queue to the mark and stops, then the kernel's buffers fill and
            // the writer waits.
            await().atMost(Duration.ofSeconds(20)).until(() -> polled.queuedBytes() >= PolledChannel.HIGH_WATER);
            Parked.awaitParkedIn(writer, "write");
            assertThat(written.get()).isLessThan(TOTAL);
            assertThat(polled.queuedBytes()).isLessThanOrEqualTo(PolledChannel.HIGH_WATER + 64 * 1024);

            // Reading drains the queue, the poller resumes, and everything arrives, in order.
            int received = 0;
            while (received < TOTAL) {
                byte[] data = pair.socket().recv(100_000);
                assertThat(data).isNotEmpty();
                for (int i = 0; i < data.length; i++) {
                    if (data[i] != pattern(received + i)) {
                        throw new AssertionError("byte " + (received + i) + " out of order");
                    }
                }
                received += data.length;
                assertThat(polled.queuedBytes()).isLessThanOrEqualTo(PolledChannel.HIGH_WATER + 64 * 1024);
            }
            assertThat(failure.get()).isNull();
            assertThat(written.get()).isEqualTo(TOTAL);
        }
    }

    @Test
    void aPeerThatClosesAfterSendingLeavesEveryByteThenEndOfStream() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            byte[] frame = { 0, 0, 0, 3, 'a', 'b', 'c' };
            pair.peer().getOutputStream().write(frame);
            pair.peer().close();
            assertThat(pair.socket().recvMsg()).containsExactly('a', 'b', 'c');
            assertThat(pair.socket().recvMsg()).isNull();
            assertThat(pair.socket().recv(10)).isEmpty();
        }
    }

    @Test
    void closingAQuietSocketReleasesItAtOnceSoThePeerSeesTheEnd() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            // Nothing is moving, so the poller is parked in its select when the socket closes.
            pair.socket().close();
            pair.peer().setSoTimeout(10_000);
            assertThat(pair.peer().getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aFrameWaitThatFindsHalfAFrameLeavesNothingWaitingForTheBytesAfterIt() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            PolledChannel polled = pair.socket().polledChannel();
            OutputStream out = pair.peer().getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Half a header comes while the reader waits for a whole frame: the poller queues it as a chunk and the
            // wait gives up, so the reader cuts the frame from the chunks.
            AtomicReference<Thread> reader = new AtomicReference<>(Thread.currentThread());
            Thread writer = Thread.ofPlatform().start(() -> {
                Parked.awaitParkedIn(reader, "await");
                try {
                    out.write(new byte[] { 0, 0 });
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            assertThat(polled.takeFrame(1024, deadline)).isNull();
            writer.join();
            assertThat(polled.take(deadline)).containsExactly(0, 0);

            // Bytes that read like a whole frame come next, with no reader waiting for one: they are a chunk, not a
            // frame taken for a wait that is over (which no chunk reader would ever see).
            out.write(new byte[] { 0, 0, 0, 1, 'x' });
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            while (next.size() < 5) {
                next.write(polled.take(deadline));
            }
            assertThat(next.toByteArray()).containsExactly(0, 0, 0, 1, 'x');
        }
    }

    private static byte pattern(long index) {
        return (byte) (index * 31 + (index >>> 11));
    }
}
