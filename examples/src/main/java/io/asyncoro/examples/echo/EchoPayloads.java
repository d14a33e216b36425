package io.asyncoro.examples.echo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The messages {@code echo-client} sends, and how an echo is judged. */
final class EchoPayloads {

    /** Framed message sizes: empty, tiny, around 8- and 16-bit boundaries, and 1 MiB. */
    static final List<Integer> FRAMED_SIZES = List.of(0, 1, 2, 3, 4, 5, 255, 1000, 65535, 65536, 65537, 1 << 20);

    /** Raw sizes: one byte, more than one read's worth, and 1 MiB. */
    static final List<Integer> RAW_SIZES = List.of(1, 65537, 1 << 20);

    private EchoPayloads() {
    }

    /** {@code size} bytes of varied binary, the same every run. */
    static byte[] of(int size) {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        if (size > 0) {
            data[0] |= 1; // never all zeros: a server that answers with zeros must not pass
        }
        return data;
    }

    /** How {@code echoed} differs from {@code sent}, or {@code null} when it is the same byte for byte. */
    static String difference(byte[] sent, byte[] echoed) {
        if (echoed == null) {
            return "end of stream instead of an echo";
        }
        if (echoed.length != sent.length) {
            return "echo has " + echoed.length + " bytes, sent " + sent.length;
        }
        int at = Arrays.mismatch(sent, echoed);
        return at < 0 ? null : "byte " + at + " differs";
    }
}
