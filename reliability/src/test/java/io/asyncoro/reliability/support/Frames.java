package io.asyncoro.reliability.support;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncoro's {@code send_msg} framing written independently of core, so tests compare core's decoder with a
 * second implementation instead of with itself.
 */
public final class Frames {

    private Frames() {
    }

    /** One frame: 4-byte big-endian length, then the payload. */
    public static byte[] frame(byte[] payload) {
        byte[] out = new byte[4 + payload.length];
        int n = payload.length;
        out[0] = (byte) (n >>> 24);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        System.arraycopy(payload, 0, out, 4, n);
        return out;
    }

    /** The frames of all messages, back to back. */
    public static byte[] stream(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.writeBytes(frame(m));
        }
        return out.toByteArray();
    }

    /** A header stating {@code length} (up to 2^32-1), with no payload. */
    public static byte[] header(long length) {
        return new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length };
    }

    /** What a correct decoder with limit {@code maxMessageSize} makes of {@code bytes} followed by end of stream. */
    public static Decoded decode(byte[] bytes, long maxMessageSize) {
        List<byte[]> messages = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos == bytes.length) {
                return new Decoded(messages, Outcome.CLEAN_END);
            }
            if (bytes.length - pos < 4) {
                return new Decoded(messages, Outcome.TRUNCATED);
            }
            long length = ((bytes[pos] & 0xFFL) << 24) | ((bytes[pos + 1] & 0xFFL) << 16) | ((bytes[pos + 2] & 0xFFL) << 8)
                    | (bytes[pos + 3] & 0xFFL);
            if (length > maxMessageSize) {
                return new Decoded(messages, Outcome.TOO_LARGE);
            }
            if (bytes.length - pos - 4 < length) {
                return new Decoded(messages, Outcome.TRUNCATED);
            }
            byte[] payload = new byte[(int) length];
            System.arraycopy(bytes, pos + 4, payload, 0, (int) length);
            messages.add(payload);
            pos += 4 + (int) length;
        }
    }

    /** How a decode ended. */
    public enum Outcome {
        /** End of stream on a frame boundary. */
        CLEAN_END,
        /** End of stream inside a frame. */
        TRUNCATED,
        /** A header over the limit. */
        TOO_LARGE
    }

    /** The messages decoded and how decoding ended. */
    public record Decoded(List<byte[]> messages, Outcome outcome) {
    }
}
