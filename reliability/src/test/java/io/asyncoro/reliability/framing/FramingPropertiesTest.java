package io.asyncoro.reliability.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TruncatedMessageException;
import io.asyncoro.reliability.support.CoreDecoder;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.LoopbackPair;

/**
 * Properties of core's frame decoder ({@link AsyncSocket#recvMsg()}) over real loopback sockets, checked on cases
 * generated from fixed seeds: every run tries the same cases. Each seed in {@link #SEEDS} drives a
 * {@link Random} that hands out one case seed per case, and each case is generated from a {@code Random} of its own
 * case seed. A failure names the seed, the case index and the case seed, and prints the case; rerun just that
 * case with {@code -Dtest=FramingPropertiesTest -Dframing.caseSeed=<case seed>}.
 * <p>
 * Every try runs under {@code assertTimeoutPreemptively} and every socket has a read timeout.
 */
class FramingPropertiesTest {

    /** The seeds every property's cases come from. Add one to try more cases; never change one in place. */
    private static final long[] SEEDS = { 0x5EED_0001L, 0x5EED_0002L, 0x5EED_0003L, 0x5EED_0004L };

    /** Set to a case seed from a failure message to run only that case. */
    private static final String CASE_SEED_PROPERTY = "framing.caseSeed";

    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(15);

    /** The limit the chunking property decodes under: its messages are all below it. */
    private static final long LIMIT = 64 * 1024;

    /**
     * However the sender cuts a valid stream into writes, the receiver gets the same messages in the same order,
     * then a clean end of stream. 4 seeds x 50 = 200 cases.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkings")
    void anyChunkingOfValidFramesDecodesToTheSameMessages(Case<Chunking> c) {
        List<byte[]> messages = c.input().messages();
        List<Integer> chunkSizes = c.input().chunkSizes();
        check(c, () -> {
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
        });
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
     * 4 seeds x 100 = 400 cases.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStreams")
    void hostileBytesDecodeOnlyToDocumentedOutcomes(Case<Hostile> c) {
        byte[] bytes = c.input().bytes();
        int limit = c.input().limit();
        check(c, () -> {
            Frames.Decoded expected = Frames.decode(bytes, limit);
            Frames.Decoded actual = assertTimeoutPreemptively(TRY_TIMEOUT, () -> CoreDecoder.decode(bytes, limit));
            assertThat(actual.outcome()).isEqualTo(expected.outcome());
            assertThat(CoreDecoder.same(actual, expected)).as("same messages as the reference decoder").isTrue();
        });
    }

    /**
     * A header that claims up to 2 GiB, followed by a few bytes and the end of the stream, costs the receiver
     * about what arrived, never the claimed length: the payload buffer grows only as bytes come in.
     * 4 seeds x 15 = 60 cases.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lyingHeaders")
    void aLyingHeaderCostsWhatArrivedNotWhatItClaims(Case<LyingHeader> c) {
        long claimed = c.input().claimed();
        int sent = c.input().sent();
        check(c, () -> {
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
                    // Only the receive is measured: the assertions' own allocations are not the receiver's.
                    Throwable thrown = null;
                    long before = allocatedByThisThread();
                    try {
                        decoder.recvMsg();
                    }
                    catch (Throwable t) {
                        thrown = t;
                    }
                    long cost = allocatedByThisThread() - before;
                    assertThat(thrown).isInstanceOfSatisfying(TruncatedMessageException.class,
                            ex -> assertThat(ex.partial()).hasSize(sent));
                    return cost;
                }
            });
            // 64 KiB first chunk, the read buffer and the exception's copy of the partial payload, with room to spare.
            assertThat(allocated).isLessThan(1L << 20);
        });
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    // ---- cases ------------------------------------------------------------------------------------------------

    static Stream<Case<Chunking>> chunkings() {
        return cases(50, FramingPropertiesTest::chunking);
    }

    static Stream<Case<Hostile>> hostileStreams() {
        return cases(100, FramingPropertiesTest::hostile);
    }

    static Stream<Case<LyingHeader>> lyingHeaders() {
        return cases(15, FramingPropertiesTest::lyingHeader);
    }

    /** Messages: up to 25, five small (up to 64 bytes) to one large (1,000 to 20,000 bytes); chunks: 1 to 40 sizes. */
    static Chunking chunking(Random r) {
        List<byte[]> messages = new ArrayList<>();
        for (int n = between(r, 0, 25); n > 0; n--) {
            messages.add(weighted(r, 5, 1) == 0 ? bytes(r, between(r, 0, 64)) : bytes(r, between(r, 1000, 20_000)));
        }
        List<Integer> chunkSizes = new ArrayList<>();
        for (int n = between(r, 1, 40); n > 0; n--) {
            chunkSizes.add(switch (weighted(r, 4, 2, 1)) {
                case 0 -> between(r, 1, 7);
                case 1 -> between(r, 8, 600);
                default -> between(r, 601, 40_000);
            });
        }
        return new Chunking(messages, chunkSizes);
    }

    /**
     * Up to 12 parts, weighted 4:2:1: valid frames (payload up to 300 bytes), headers that lie about their length
     * (near and far over a 2 KiB limit, and the 2 GiB / 4 GiB boundaries), and garbage; a limit of 0 to 2,048.
     * One stream in four is then cut short at a random point, so that streams ending inside a frame are common.
     */
    static Hostile hostile(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = between(r, 0, 12); n > 0; n--) {
            out.writeBytes(switch (weighted(r, 4, 2, 1)) {
                case 0 -> Frames.frame(bytes(r, between(r, 0, 300)));
                case 1 -> Frames.header(switch (r.nextInt(3)) {
                    case 0 -> between(r, 0L, 4096L);
                    case 1 -> between(r, 0L, 0xFFFF_FFFFL);
                    default -> new long[] { 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x7FFF_FFF7L }[r.nextInt(4)];
                });
                default -> bytes(r, between(r, 1, 64));
            });
        }
        byte[] bytes = out.toByteArray();
        if (r.nextInt(4) == 0) {
            bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length + 1));
        }
        return new Hostile(bytes, between(r, 0, 2048));
    }

    /** A claim from 1 MiB to {@link AsyncSocket#MAX_RECEIVABLE_LENGTH}, then 0 to 20,000 bytes. */
    static LyingHeader lyingHeader(Random r) {
        return new LyingHeader(between(r, 1L << 20, AsyncSocket.MAX_RECEIVABLE_LENGTH), between(r, 0, 20_000));
    }

    /**
     * {@code perSeed} cases for each of {@link #SEEDS}, or only the case of the case seed in
     * {@code -Dframing.caseSeed}.
     */
    static <T> Stream<Case<T>> cases(int perSeed, Function<Random, T> generator) {
        String only = System.getProperty(CASE_SEED_PROPERTY, "").strip();
        if (!only.isEmpty()) {
            long caseSeed = Long.parseUnsignedLong(only.replaceFirst("^0[xX]", ""), 16);
            return Stream.of(new Case<>(-1, -1, caseSeed, generator.apply(new Random(caseSeed))));
        }
        List<Case<T>> cases = new ArrayList<>();
        for (long seed : SEEDS) {
            Random master = new Random(seed);
            for (int i = 0; i < perSeed; i++) {
                long caseSeed = master.nextLong();
                cases.add(new Case<>(seed, i, caseSeed, generator.apply(new Random(caseSeed))));
            }
        }
        return cases.stream();
    }

    /** From min to max inclusive; one time in sixteen each it is min or max, so the bounds are always tried. */
    static int between(Random r, int min, int max) {
        return switch (r.nextInt(16)) {
            case 0 -> min;
            case 1 -> max;
            default -> r.nextInt(min, max + 1);
        };
    }

    static long between(Random r, long min, long max) {
        return switch (r.nextInt(16)) {
            case 0 -> min;
            case 1 -> max;
            default -> r.nextLong(min, max + 1);
        };
    }

    /** An index into {@code weights}, drawn in proportion to them. */
    static int weighted(Random r, int... weights) {
        int x = r.nextInt(Arrays.stream(weights).sum());
        for (int i = 0;; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
    }

    static byte[] bytes(Random r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    /** Runs a try; on failure names the seed and prints the case, so that it can be reproduced. */
    static void check(Case<?> c, Try body) {
        try {
            body.run();
        }
        catch (Throwable t) {
            throw new AssertionError("Failed " + c.reproduction() + "\n" + t, t);
        }
    }

    @FunctionalInterface
    interface Try {
        void run() throws Throwable;
    }

    /** What a case is made of: a short form for the test's name and every detail for a failure message. */
    interface Input {
        String detail();
    }

    /** Case {@code index} of {@code seed} (both -1 when run from a case seed alone), generated from {@code caseSeed}. */
    record Case<T>(long seed, int index, long caseSeed, T input) {

        String reproduction() {
            String where = index < 0 ? "" : "seed 0x" + Long.toHexString(seed) + ", case " + index + ", ";
            String detail = input instanceof Input in ? in.detail() : String.valueOf(input);
            return where + "case seed 0x" + Long.toHexString(caseSeed) + " (rerun it alone with -D" + CASE_SEED_PROPERTY
                    + "=0x" + Long.toHexString(caseSeed) + "): " + detail;
        }

        @Override
        public String toString() {
            return (index < 0 ? "" : "seed 0x" + Long.toHexString(seed) + " case " + index + " ") + "[0x"
                    + Long.toHexString(caseSeed) + "] " + input;
        }
    }

    record Chunking(List<byte[]> messages, List<Integer> chunkSizes) implements Input {

        @Override
        public String toString() {
            return messages.size() + " messages, " + chunkSizes.size() + " chunk sizes";
        }

        @Override
        public String detail() {
            String lengths = "message lengths " + messages.stream().map(m -> m.length).toList() + ", chunk sizes "
                    + chunkSizes;
            if (messages.stream().mapToInt(m -> m.length).sum() > 4096) {
                return lengths + " (payloads too long to print: the case seed regenerates them)";
            }
            HexFormat hex = HexFormat.of();
            return lengths + ", messages (hex) " + messages.stream().map(hex::formatHex).toList();
        }
    }

    record Hostile(byte[] bytes, int limit) implements Input {

        @Override
        public String toString() {
            return bytes.length + " bytes, limit " + limit;
        }

        @Override
        public String detail() {
            return "limit " + limit + ", " + bytes.length + " bytes (hex) " + HexFormat.of().formatHex(bytes);
        }
    }

    record LyingHeader(long claimed, int sent) implements Input {

        @Override
        public String toString() {
            return "claims " + claimed + ", sends " + sent;
        }

        @Override
        public String detail() {
            return toString();
        }
    }
}
