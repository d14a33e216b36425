package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroFailedException;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Parked;
import io.asyncoro.testsupport.Loopback.AsyncPair;
import io.asyncoro.testsupport.Loopback.RawPair;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncSocketTest {

    // A plain socket is read by a Poller: a raw reader waits for the next chunk in takeChunk, a message reader for
    // a whole frame from the poller in takeWholeFrame.
    private static final String PLAIN_READ = "takeChunk";
    private static final String PLAIN_FRAME_READ = "takeWholeFrame";

    private final AsynCoro asyncoro = new AsynCoro("socket-test");

    @AfterEach
    void closeScheduler() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    // ------------------------------------------------------------------ normal paths

    @Test
    void recvReturnsWhatIsAvailableUpToTheLimit() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(bytes("hello world"));
            byte[] first = pair.socket().recv(5);
            assertThat(first).isEqualTo(bytes("hello"));
            byte[] rest = pair.socket().recvAll(6);
            assertThat(rest).isEqualTo(bytes(" world"));
            pair.peer().getOutputStream().write(bytes("xyz"));
            assertThat(pair.socket().recv(1024)).isEqualTo(bytes("xyz"));
        }
    }

    @Test
    void recvRejectsANonPositiveSize() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            assertThatThrownBy(() -> pair.socket().recv(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void recvAllWaitsForEveryByteAcrossManyWrites() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            byte[] data = pattern(100_000, 3);
            Coro<byte[]> reader = asyncoro.spawn(self -> pair.socket().recvAll(data.length));
            OutputStream out = pair.peer().getOutputStream();
            for (int off = 0; off < data.length; off += 777) {
                out.write(data, off, Math.min(777, data.length - off));
                out.flush();
            }
            assertThat(reader.value()).isEqualTo(data);
            assertThat(pair.socket().recvAll(0)).isEmpty();
        }
    }

    @Test
    void sendAndSendAllDeliverEveryByte() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            byte[] big = pattern(3_000_000, 7);
            Coro<byte[]> reader = asyncoro.spawn(self -> pair.peer().getInputStream().readNBytes(big.length + 5 + 3));
            assertThat(pair.socket().send(bytes("small"))).isEqualTo(5);
            pair.socket().sendAll(big);
            pair.socket().sendAll(bytes("--abc--"), 2, 3);
            byte[] got = reader.value();
            assertThat(Arrays.copyOfRange(got, 0, 5)).isEqualTo(bytes("small"));
            assertThat(Arrays.copyOfRange(got, 5, 5 + big.length)).isEqualTo(big);
            assertThat(Arrays.copyOfRange(got, 5 + big.length, got.length)).isEqualTo(bytes("abc"));
        }
    }

    @Test
    void sendMsgWritesAsyncoroFramesAndRecvMsgReadsThem() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().sendMsg(bytes("hi"));
            byte[] frame = pair.peer().getInputStream().readNBytes(6);
            assertThat(frame).containsExactly(0, 0, 0, 2, 'h', 'i');

            byte[] large = pattern(70_000, 11);
            pair.socket().sendMsg(large);
            byte[] largeFrame = pair.peer().getInputStream().readNBytes(4 + large.length);
            assertThat(ByteBuffer.wrap(largeFrame).getInt()).isEqualTo(70_000);
            assertThat(Arrays.copyOfRange(largeFrame, 4, largeFrame.length)).isEqualTo(large);

            OutputStream out = pair.peer().getOutputStream();
            out.write(new byte[] { 0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 1, 0 });
            out.write(pattern(256, 1));
            assertThat(pair.socket().recvMsg()).isEqualTo(bytes("abc"));
            assertThat(pair.socket().recvMsg()).isEqualTo(pattern(256, 1));
        }
    }

    @Test
    void messagesRoundTripBetweenTwoAsyncSocketsAcrossSizes() throws Exception {
        try (AsyncPair pair = Loopback.asyncPair()) {
            pair.server().setMaxMessageSize(4 << 20);
            pair.client().setMaxMessageSize(4 << 20);
            int[] sizes = { 0, 1, 2, 3, 4, 5, 255, 1000, 8191, 8192, 16 * 1024, 16 * 1024 + 1, 65535, 65536, 65537, 1 << 20, 3 << 20 };
            Coro<Void> echo = asyncoro.spawn(self -> {
                byte[] m;
                while ((m = pair.server().recvMsg()) != null) {
                    pair.server().sendMsg(m);
                }
                pair.server().shutdownOutput();
                return null;
            });
            for (int size : sizes) {
                byte[] payload = pattern(size, size);
                pair.client().sendMsg(payload);
                assertThat(pair.client().recvMsg()).as("echo of %d bytes", size).isEqualTo(payload);
            }
            pair.client().shutdownOutput();
            assertThat(pair.client().recvMsg()).isNull();
            echo.value();
        }
    }

    @Test
    void zeroLengthMessagesAreEmptyArraysNeverNull() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().sendMsg(new byte[0]);
            pair.socket().sendMsg(new byte[0]);
            assertThat(pair.peer().getInputStream().readNBytes(8)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
            pair.peer().getOutputStream().write(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 9, 0, 0, 0, 0 });
            pair.peer().shutdownOutput();
            assertThat(pair.socket().recvMsg()).isNotNull().isEmpty();
            assertThat(pair.socket().recvMsg()).containsExactly(9);
            assertThat(pair.socket().recvMsg()).isNotNull().isEmpty();
            assertThat(pair.socket().recvMsg()).isNull();
        }
    }

    @Test
    void linesAreSplitOnNewlinesAndCarriageReturnsDropped() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().sendLine(bytes("ping"));
            assertThat(pair.peer().getInputStream().readNBytes(5)).isEqualTo(bytes("ping\n"));
            pair.peer().getOutputStream().write(bytes("one\r\ntwo\n\nthree-is-longer-than-a-first-buffer-of-sixty-four-bytes-indeed-it-is\nfour"));
            pair.peer().shutdownOutput();
            assertThat(pair.socket().recvLine()).isEqualTo(bytes("one"));
            assertThat(pair.socket().recvLine()).isEqualTo(bytes("two"));
            assertThat(pair.socket().recvLine()).isEmpty();
            assertThat(pair.socket().recvLine()).isEqualTo(bytes("three-is-longer-than-a-first-buffer-of-sixty-four-bytes-indeed-it-is"));
            assertThatThrownBy(() -> pair.socket().recvLine()).isInstanceOf(TruncatedMessageException.class)
                    .satisfies(ex -> assertThat(((TruncatedMessageException) ex).partial()).isEqualTo(bytes("four")));
        }
    }

    @Test
    void recvLineAtACleanEndReturnsNullAndAnOverlongLineIsRefused() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().shutdownOutput();
            assertThat(pair.socket().recvLine()).isNull();
        }
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setMaxMessageSize(10);
            pair.peer().getOutputStream().write(bytes("0123456789abc\n"));
            assertThatThrownBy(() -> pair.socket().recvLine()).isInstanceOf(MessageTooLargeException.class);
            assertThat(pair.socket().isClosed()).isTrue();
        }
    }

    @Test
    void addressesAndFlagsDescribeTheSocket() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AsyncSocket s = pair.socket();
            assertThat(s.remoteAddress().getPort()).isEqualTo(pair.peer().getLocalPort());
            assertThat(s.localAddress().getPort()).isEqualTo(pair.peer().getPort());
            assertThat(s.isTls()).isFalse();
            assertThat(s.tlsSession()).isEmpty();
            assertThat(s.peerPrincipal()).isEmpty();
            assertThat(s.isDatagram()).isFalse();
            assertThat(s.isBlocking()).isFalse();
            assertThat(s.maxMessageSize()).isEqualTo(AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE);
            assertThat(AsyncSocket.blocking(pair.peer()).isBlocking()).isTrue();
            assertThatThrownBy(() -> s.recvFrom(10)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    // ------------------------------------------------------------------ end of stream

    @Test
    void recvReturnsAnEmptyArrayAtEndOfStream() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(bytes("last"));
            pair.peer().shutdownOutput();
            assertThat(pair.socket().recv(100)).isEqualTo(bytes("last"));
            assertThat(pair.socket().recv(100)).isEmpty();
            assertThat(pair.socket().recv(100)).as("still at the end").isEmpty();
        }
    }

    @Test
    void recvMsgReturnsNullAtEndOfStreamOnAFrameBoundary() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(new byte[] { 0, 0, 0, 1, 42 });
            pair.peer().shutdownOutput();
            assertThat(pair.socket().recvMsg()).containsExactly(42);
            assertThat(pair.socket().recvMsg()).isNull();
        }
    }

    @Test
    void endOfStreamInsideAHeaderIsATruncatedMessage() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(new byte[] { 0, 0 });
            pair.peer().shutdownOutput();
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOfSatisfying(TruncatedMessageException.class, ex -> {
                assertThat(ex.expectedLength()).isEqualTo(-1);
                assertThat(ex.partial()).containsExactly(0, 0);
                assertThat(ex).isInstanceOf(java.io.EOFException.class).hasMessageContaining("header");
            });
        }
    }

    @Test
    void endOfStreamInsideAPayloadIsATruncatedMessageWithThePartialPayload() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(new byte[] { 0, 0, 0, 10, 1, 2, 3 });
            pair.peer().shutdownOutput();
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOfSatisfying(TruncatedMessageException.class, ex -> {
                assertThat(ex.expectedLength()).isEqualTo(10);
                assertThat(ex.partial()).containsExactly(1, 2, 3);
            });
        }
    }

    @Test
    void recvAllAtEndOfStreamThrowsWithThePartialBytes() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(bytes("part"));
            pair.peer().shutdownOutput();
            assertThatThrownBy(() -> pair.socket().recvAll(10)).isInstanceOfSatisfying(IncompleteReadException.class, ex -> {
                assertThat(ex).isInstanceOf(java.io.EOFException.class);
                assertThat(ex.expected()).isEqualTo(10);
                assertThat(ex.partial()).isEqualTo(bytes("part"));
            });
        }
    }

    // ------------------------------------------------------------------ limits

    @Test
    void aHeaderClaimingFourGibibytesIsRefusedAndTheConnectionClosed() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3 });
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOfSatisfying(MessageTooLargeException.class, ex -> {
                assertThat(ex.claimedLength()).isEqualTo(0xFFFF_FFFFL);
                assertThat(ex.maxLength()).isEqualTo(AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE);
            });
            assertThat(pair.socket().isClosed()).isTrue();
            assertThat(pair.peer().getInputStream().read()).as("the peer sees the connection end").isEqualTo(-1);
        }
    }

    @Test
    void aHeaderJustOverTheLimitIsRefusedAndOneAtTheLimitIsServed() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setMaxMessageSize(1000);
            OutputStream out = pair.peer().getOutputStream();
            out.write(new byte[] { 0, 0, 0x03, (byte) 0xE8 });
            out.write(pattern(1000, 5));
            assertThat(pair.socket().recvMsg()).isEqualTo(pattern(1000, 5));
            out.write(new byte[] { 0, 0, 0x03, (byte) 0xE9 });
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOfSatisfying(MessageTooLargeException.class, ex -> {
                assertThat(ex.claimedLength()).isEqualTo(1001);
                assertThat(ex.maxLength()).isEqualTo(1000);
            });
        }
    }

    @Test
    void theLimitMayBeRaisedToWhatAHeaderCanSayButFramesBeyondAJavaArrayAreRefused() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setMaxMessageSize(AsyncSocket.MAX_FRAME_LENGTH);
            assertThatThrownBy(() -> pair.socket().setMaxMessageSize(AsyncSocket.MAX_FRAME_LENGTH + 1))
                    .isInstanceOf(IllegalArgumentException.class);
            pair.peer().getOutputStream().write(new byte[] { (byte) 0x80, 0, 0, 0 });
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOfSatisfying(MessageTooLargeException.class,
                    ex -> assertThat(ex.maxLength()).isEqualTo(AsyncSocket.MAX_RECEIVABLE_LENGTH));
        }
    }

    // ------------------------------------------------------------------ timeouts

    @Test
    void aReadWaitingLongerThanTheTimeoutThrowsAndTheSocketStaysUsable() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofMillis(150));
            assertThat(pair.socket().timeout()).isEqualTo(Duration.ofMillis(150));
            long start = System.nanoTime();
            assertThatThrownBy(() -> pair.socket().recv(10)).isInstanceOf(SocketTimeoutException.class);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(140));
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOf(SocketTimeoutException.class);
            assertThat(pair.socket().isClosed()).isFalse();
            pair.peer().getOutputStream().write(new byte[] { 0, 0, 0, 1, 7 });
            assertThat(pair.socket().recvMsg()).containsExactly(7);
            pair.socket().setTimeout(null);
            assertThat(pair.socket().timeout()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void aTimeoutInsideAFrameGivesTheBytesBackSoTheNextReadGetsTheWholeFrame() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofMillis(150));
            OutputStream out = pair.peer().getOutputStream();
            byte[] payload = pattern(20_000, 9);
            out.write(new byte[] { 0, 0, 0x4E, 0x20 });
            out.write(payload, 0, 12_345);
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOf(SocketTimeoutException.class);
            out.write(payload, 12_345, payload.length - 12_345);
            out.write(new byte[] { 0, 0, 0, 1, 1 });
            assertThat(pair.socket().recvMsg()).isEqualTo(payload);
            assertThat(pair.socket().recvMsg()).containsExactly(1);

            out.write(new byte[] { 0, 0 });
            assertThatThrownBy(() -> pair.socket().recvMsg()).as("cut inside the header").isInstanceOf(SocketTimeoutException.class);
            out.write(new byte[] { 0, 2, 5, 6 });
            assertThat(pair.socket().recvMsg()).containsExactly(5, 6);

            out.write(bytes("abc"));
            assertThatThrownBy(() -> pair.socket().recvAll(5)).isInstanceOf(SocketTimeoutException.class);
            out.write(bytes("de"));
            assertThat(pair.socket().recvAll(5)).isEqualTo(bytes("abcde"));

            out.write(bytes("half a li"));
            assertThatThrownBy(() -> pair.socket().recvLine()).isInstanceOf(SocketTimeoutException.class);
            out.write(bytes("ne\n"));
            assertThat(pair.socket().recvLine()).isEqualTo(bytes("half a line"));
        }
    }

    @Test
    void theTimeoutCoversTheWholeMessageNotEachRead() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofMillis(400));
            OutputStream out = pair.peer().getOutputStream();
            out.write(new byte[] { 0, 0, 0, 100 });
            CountDownLatch failed = new CountDownLatch(1);
            // a peer trickling one byte every 50 ms would keep a per-read timeout alive for 5 s
            Coro<Void> trickler = asyncoro.spawn(self -> {
                for (int i = 0; i < 100 && failed.getCount() > 0; i++) {
                    out.write(i);
                    out.flush();
                    Coro.sleep(Duration.ofMillis(50));
                }
                return null;
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> pair.socket().recvMsg()).isInstanceOf(SocketTimeoutException.class);
            failed.countDown();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            trickler.terminate();
        }
    }

    @Test
    void aWriteToAPeerThatNeverReadsTimesOutAndClosesTheSocket() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofMillis(300));
            byte[] huge = new byte[64 << 20];
            long start = System.nanoTime();
            assertThatThrownBy(() -> pair.socket().sendAll(huge)).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("sendAll");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(pair.socket().isClosed()).isTrue();
            assertThatThrownBy(() -> pair.socket().sendMsg(bytes("after"))).isInstanceOf(SocketClosedException.class);
            // What was queued for the peer is dropped with a reset, not trickled to it before a FIN.
            pair.peer().setSoTimeout(5_000);
            assertThatThrownBy(() -> pair.peer().getInputStream().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void aFramedWriteToAPeerThatNeverReadsTimesOut() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofMillis(300));
            byte[] message = new byte[1 << 20];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 200; i++) {
                    pair.socket().sendMsg(message);
                }
            }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("sendMsg");
        }
    }

    // ------------------------------------------------------------------ close

    @Test
    void addressesOutliveClose() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AsyncSocket s = pair.socket();
            InetSocketAddress local = s.localAddress();
            InetSocketAddress remote = s.remoteAddress();
            s.close();
            // servers log the peer of a connection after it closed
            assertThat(s.localAddress()).isEqualTo(local);
            assertThat(s.remoteAddress()).isEqualTo(remote);
            assertThat(s.toString()).contains(String.valueOf(remote.getPort())).contains("closed");
        }
    }

    @Test
    void closeWakesACoroutineBlockedInRecvWithSocketClosed() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return pair.socket().recv(100);
            });
            Parked.awaitParkedIn(thread, PLAIN_READ);
            pair.socket().close();
            assertThatThrownBy(reader::value).isInstanceOf(CoroFailedException.class)
                    .cause().isInstanceOf(SocketClosedException.class);
            assertThat(pair.socket().isClosed()).isTrue();
        }
    }

    @Test
    void closeWakesReaderAndWriterBlockedOnTheSameSocket() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AtomicReference<Thread> readerThread = new AtomicReference<>();
            AtomicReference<Thread> writerThread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                readerThread.set(Thread.currentThread());
                return pair.socket().recvMsg();
            });
            Coro<Void> writer = asyncoro.spawn(self -> {
                writerThread.set(Thread.currentThread());
                pair.socket().sendAll(new byte[64 << 20]);
                return null;
            });
            Parked.awaitParkedIn(readerThread, PLAIN_FRAME_READ);
            Parked.awaitParkedIn(writerThread, "write");
            pair.socket().close();
            pair.socket().close();
            assertThatThrownBy(reader::value).cause().isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(writer::value).cause().isInstanceOf(SocketClosedException.class);
        }
    }

    @Test
    void terminatingACoroutineBlockedInRecvMsgEndsIt() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return pair.socket().recvMsg();
            });
            Parked.awaitParkedIn(thread, PLAIN_FRAME_READ);
            reader.terminate();
            assertThatThrownBy(reader::value).isInstanceOf(io.asyncoro.CoroTerminatedException.class);
        }
    }

    @Test
    void everyOperationOnAClosedSocketThrowsSocketClosed() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AsyncSocket s = pair.socket();
            s.close();
            assertThatThrownBy(() -> s.recv(1)).isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(() -> s.recvAll(1)).isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(s::recvMsg).isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(s::recvLine).isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(() -> s.send(new byte[1])).isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(() -> s.sendMsg(new byte[1])).isInstanceOf(SocketClosedException.class);
            assertThat(pair.peer().getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shutdownInputWakesAWaitingReaderWithEndOfStreamWhileRepliesStillGoOut() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return pair.socket().recvMsg();
            });
            Parked.awaitParkedIn(thread, PLAIN_FRAME_READ);
            pair.socket().shutdownInput();
            assertThat(reader.value()).isNull();
            assertThat(pair.socket().recvMsg()).isNull();
            pair.socket().sendMsg(bytes("bye"));
            assertThat(pair.peer().getInputStream().readNBytes(7)).containsExactly(0, 0, 0, 3, 'b', 'y', 'e');
        }
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void fiftyCoroutinesSendingAThousandMessagesEachNeverInterleaveFrames() throws Exception {
        int senders = 50;
        int perSender = 1000;
        try (AsyncPair pair = Loopback.asyncPair()) {
            Coro<long[]> receiver = asyncoro.spawn(self -> {
                int[] nextSeq = new int[senders];
                long total = 0;
                long bytes = 0;
                byte[] m;
                while ((m = pair.server().recvMsg()) != null) {
                    ByteBuffer buf = ByteBuffer.wrap(m);
                    int sender = buf.getInt();
                    int seq = buf.getInt();
                    if (seq != nextSeq[sender]) {
                        throw new AssertionError("sender " + sender + ": got " + seq + ", expected " + nextSeq[sender]);
                    }
                    byte[] expected = body(sender, seq);
                    if (!Arrays.equals(m, expected)) {
                        throw new AssertionError("sender " + sender + " message " + seq + " corrupted");
                    }
                    nextSeq[sender]++;
                    total++;
                    bytes += m.length;
                }
                return new long[] { total, bytes };
            });
            List<Coro<Long>> writers = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                writers.add(asyncoro.spawn(self -> {
                    long sent = 0;
                    for (int seq = 0; seq < perSender; seq++) {
                        byte[] m = body(sender, seq);
                        pair.client().sendMsg(m);
                        sent += m.length;
                    }
                    return sent;
                }));
            }
            long sentBytes = 0;
            for (Coro<Long> w : writers) {
                sentBytes += w.value();
            }
            pair.client().shutdownOutput();
            long[] got = receiver.value();
            assertThat(got[0]).isEqualTo((long) senders * perSender);
            assertThat(got[1]).isEqualTo(sentBytes);
        }
    }

    /** Sender id, sequence number, then a body whose length and bytes depend on both (some over the coalescing size). */
    private static byte[] body(int sender, int seq) {
        int length = seq % 97 == 0 ? 20_000 + sender : (sender * 31 + seq * 7) % 300;
        ByteBuffer buf = ByteBuffer.allocate(8 + length);
        buf.putInt(sender).putInt(seq);
        for (int i = 0; i < length; i++) {
            buf.put((byte) (sender ^ seq ^ i));
        }
        return buf.array();
    }

    @Test
    void aReaderAndAWriterWorkAtOnceFullDuplex() throws Exception {
        try (AsyncPair pair = Loopback.asyncPair()) {
            int count = 2000;
            AtomicLong received = new AtomicLong();
            Coro<Void> serverSide = asyncoro.spawn(self -> {
                Coro<Void> serverWriter = asyncoro.spawn(w -> {
                    for (int i = 0; i < count; i++) {
                        pair.server().sendMsg(pattern(5000, i));
                    }
                    return null;
                });
                for (int i = 0; i < count; i++) {
                    assertThat(pair.server().recvMsg()).isEqualTo(pattern(5000, -i));
                    received.incrementAndGet();
                }
                serverWriter.value();
                return null;
            });
            Coro<Void> clientWriter = asyncoro.spawn(self -> {
                for (int i = 0; i < count; i++) {
                    pair.client().sendMsg(pattern(5000, -i));
                }
                return null;
            });
            for (int i = 0; i < count; i++) {
                assertThat(pair.client().recvMsg()).isEqualTo(pattern(5000, i));
            }
            clientWriter.value();
            serverSide.value();
            assertThat(received.get()).isEqualTo(count);
        }
    }

    // ------------------------------------------------------------------ listener

    @Test
    void theListenerCountsBytesWithHeadersAndMessagesWithPayloadLengths() throws Exception {
        try (AsyncPair pair = Loopback.asyncPair()) {
            long[] counts = new long[4];
            IoListener listener = new IoListener() {
                @Override
                public synchronized void bytesReceived(int count) {
                    counts[0] += count;
                }

                @Override
                public synchronized void bytesSent(int count) {
                    counts[1] += count;
                }

                @Override
                public synchronized void messageReceived(int payloadLength) {
                    counts[2]++;
                }

                @Override
                public synchronized void messageSent(int payloadLength) {
                    counts[3]++;
                }
            };
            pair.client().setListener(listener);
            pair.client().sendMsg(new byte[10]);
            pair.client().sendMsg(new byte[20_000]);
            pair.server().recvMsg();
            pair.server().recvMsg();
            pair.server().sendMsg(new byte[3]);
            pair.client().recvMsg();
            synchronized (listener) {
                assertThat(counts).containsExactly(4 + 3, 4 + 10 + 4 + 20_000, 1, 2);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pattern(int length, int seed) {
        byte[] data = new byte[length];
        int x = seed * 0x9E3779B1 + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            data[i] = (byte) x;
        }
        return data;
    }
}
