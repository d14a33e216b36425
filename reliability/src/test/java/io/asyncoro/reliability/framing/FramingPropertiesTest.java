package io.asyncoro.reliability.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TruncatedMessageException;
import io.asyncoro.reliability.support.CoreDecoder;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.LoopbackPair;

/**
 * Properties of core's frame decoder ({@link AsyncSocket#recvMsg()}) over real loopback sockets. jqwik does not
 * honour JUnit's {@code @Timeout}, so every try runs under {@code assertTimeoutPreemptively} and every socket
 * has a read timeout.
 */
class FramingPropertiesTest {

    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(15);

    /** The limit the chunking property decodes under: its messages are all below it. */
    private static final long LIMIT = 64 * 1024;

    /**
     * However the sender cuts a valid stream into writes, the receiver gets the same messages in the same order,
     * then a clean end of stream.
     */
    @Property(tries = 150)
    void anyChunkingOfValidFramesDecodesToTheSameMessages(@ForAll("messages") List<byte[]> messages,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        byte[] stream = Frames.stream(messages);
        List<byte[]> decoded = assertTimeoutPreemptively(TRY_TIMEOUT, () -> {
            try (LoopbackPair pair = LoopbackPair.open()) {
                // A thread of its own: the common pool has a single worker on a 2-core machine and may be busy.
                CompletableFuture<Void> writer = new CompletableFuture<>();
                Thread.ofPlatform().daemon().name("chunk-writer").start(() -> {
                    try {
                        writeInChunks(pair, stream, chunkSizes);
                        writer.complete(null);
                    }
                    catch (RuntimeException ex) {
                        writer.completeExceptionally(ex);
                    }
                });
                AsyncSocket decoder = pair.decoder();
                decoder.setMaxMessageSize(LIMIT);
                decoder.setTimeout(TRY_TIMEOUT);
                List<byte[]> got = new ArrayList<>();
                byte[] m;
                while ((m = decoder.recvMsg()) != null) {
                    got.add(m);
                }
                writer.join();
                return got;
            }
        });
        assertThat(decoded).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(decoded.get(i)).as("message %d", i).isEqualTo(messages.get(i));
        }
    }

    private static void writeInChunks(LoopbackPair pair, byte[] stream, List<Integer> chunkSizes) {
        try {
            OutputStream out = pair.raw().getOutputStream();
            int pos = 0;
            int i = 0;
            while (pos < stream.length) {
                int n = Math.min(chunkSizes.get(i++ % chunkSizes.size()), stream.length - pos);
                out.write(stream, pos, n);
                out.flush();
                pos += n;
            }
            pair.raw().shutdownOutput();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Hostile byte streams (valid frames mixed with lying headers and garbage) decode exactly as an independent
     * reference decoder says: the same messages, none over the limit, and the only failures are the documented
     * {@code MessageTooLargeException} and {@code TruncatedMessageException}; anything else escapes and fails.
     */
    @Property(tries = 300)
    void hostileBytesDecodeOnlyToDocumentedOutcomes(@ForAll("hostileStreams") byte[] bytes,
            @ForAll @IntRange(min = 0, max = 2048) int limit) {
        Frames.Decoded expected = Frames.decode(bytes, limit);
        Frames.Decoded actual = assertTimeoutPreemptively(TRY_TIMEOUT, () -> CoreDecoder.decode(bytes, limit));
        assertThat(actual.outcome()).isEqualTo(expected.outcome());
        assertThat(CoreDecoder.same(actual, expected)).as("same messages as the reference decoder").isTrue();
    }

    /**
     * A header that claims up to 2 GiB, followed by a few bytes and the end of the stream, costs the receiver
     * about what arrived, never the claimed length: the payload buffer grows only as bytes come in.
     */
    @Property(tries = 40)
    void aLyingHeaderCostsWhatArrivedNotWhatItClaims(
            @ForAll @LongRange(min = 1L << 20, max = AsyncSocket.MAX_RECEIVABLE_LENGTH) long claimed,
            @ForAll @IntRange(min = 0, max = 20_000) int sent) {
        byte[] stream = new byte[4 + sent];
        System.arraycopy(Frames.header(claimed), 0, stream, 0, 4);
        Arrays.fill(stream, 4, stream.length, (byte) 0x5A);
        long allocated = assertTimeoutPreemptively(TRY_TIMEOUT, () -> {
            try (LoopbackPair pair = LoopbackPair.open()) {
                pair.raw().getOutputStream().write(stream);
                pair.raw().shutdownOutput();
                AsyncSocket decoder = pair.decoder();
                // The limit itself lets the claim through: only the lazy allocation stands between it and the heap.
                decoder.setMaxMessageSize(AsyncSocket.MAX_RECEIVABLE_LENGTH);
                decoder.setTimeout(TRY_TIMEOUT);
                long before = allocatedByThisThread();
                assertThatThrownBy(decoder::recvMsg).isInstanceOfSatisfying(TruncatedMessageException.class,
                        ex -> assertThat(ex.partial()).hasSize(sent));
                return allocatedByThisThread() - before;
            }
        });
        // 64 KiB first chunk, the read buffer and the exception's copy of the partial payload, with room to spare.
        assertThat(allocated).isLessThan(1L << 20);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Provide
    Arbitrary<List<byte[]>> messages() {
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> large = Arbitraries.bytes().array(byte[].class).ofMinSize(1000).ofMaxSize(20_000);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, small), net.jqwik.api.Tuple.of(1, large))
                .list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 7)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(8, 600)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(601, 40_000)))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    /** Valid frames, headers that lie about their length (near and far over a 2 KiB limit), and garbage. */
    @Provide
    Arbitrary<byte[]> hostileStreams() {
        Arbitrary<byte[]> validFrame = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Frames::frame);
        Arbitrary<byte[]> lyingHeader = Arbitraries.oneOf(
                        Arbitraries.longs().between(0, 4096),
                        Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                        Arbitraries.of(0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x7FFF_FFF7L))
                .map(Frames::header);
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, validFrame), net.jqwik.api.Tuple.of(2, lyingHeader),
                        net.jqwik.api.Tuple.of(1, garbage))
                .list().ofMaxSize(12)
                .map(parts -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }
}
