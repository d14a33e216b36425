package io.asyncoro.net.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips under random chunking: payloads encoded into one stream, fed back 1..n bytes at a time (seeded,
 * so a failure replays), must decode to the same payloads whatever the split.
 */
class ChunkedDecodeTest {

    private static final long[] SEEDS = { 1, 7, 42, 1234, 20_261_201 };

    /** A framing under test and how to make payloads it can carry. */
    record Case(String label, Codec codec, BiFunction<Random, Integer, byte[]> payloads) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case("message", Codecs.message(1 << 16), ChunkedDecodeTest::anyBytes),
                new Case("2-byte little endian", Codecs.lengthField(LengthFieldSpec.builder().lengthFieldLength(2)
                        .byteOrder(ByteOrder.LITTLE_ENDIAN).maxSize(1 << 16).build()), ChunkedDecodeTest::anyBytes),
                new Case("8-byte including header", Codecs.lengthField(LengthFieldSpec.builder().lengthFieldLength(8)
                        .includesHeader(true).maxSize(1 << 16).build()), ChunkedDecodeTest::anyBytes),
                new Case("line", Codecs.line(1 << 16), (r, n) -> without(r, n, '\n', '\r')),
                new Case("crlf", Codecs.crlf(1 << 16), (r, n) -> without(r, n, '\r')),
                new Case("delimiter ||", Codecs.delimiter(Streams.ascii("||"), 1 << 16), (r, n) -> without(r, n, '|')),
                new Case("stx-etx", Codecs.stxEtx(1 << 16), (r, n) -> without(r, n, 0x03)),
                new Case("fixed-length", Codecs.fixedLength(37), (r, n) -> anyBytes(r, 37)));
        return cases.stream().flatMap(c -> Stream.of(SEEDS).flatMapToLong(Arrays::stream)
                .mapToObj(seed -> Arguments.of(c, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void everySplitDecodesToTheSamePayloads(Case c, long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            // Mostly small payloads, some long enough to span many chunks.
            int size = random.nextInt(10) == 0 ? random.nextInt(5_000) : random.nextInt(40);
            byte[] payload = c.payloads().apply(random, size);
            payloads.add(payload);
            stream.writeBytes(Streams.encode(c.codec(), payload));
        }
        int maxChunk = 1 + random.nextInt(64);
        List<byte[]> decoded = Streams.decodeInChunks(c.codec(), stream.toByteArray(), maxChunk, random);
        assertThat(decoded).as("max chunk %d", maxChunk).containsExactlyElementsOf(payloads);
    }

    @ParameterizedTest(name = "raw, seed {0}")
    @MethodSource("seeds")
    void rawGivesBackTheStreamInChunksNoLargerThanItsMaximum(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] stream = anyBytes(random, 10_000);
        List<byte[]> chunks = Streams.decodeInChunks(Codecs.raw(100), stream, 300, random);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(stream);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length).isBetween(1, 100));
    }

    static Stream<Long> seeds() {
        return Arrays.stream(SEEDS).boxed();
    }

    private static byte[] anyBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes, with each excluded value replaced, so delimiter framings can carry them. */
    private static byte[] without(Random random, int size, int... excluded) {
        byte[] bytes = anyBytes(random, size);
        for (int i = 0; i < size; i++) {
            for (int x : excluded) {
                if (bytes[i] == (byte) x) {
                    bytes[i] = 'x';
                }
            }
        }
        return bytes;
    }
}
