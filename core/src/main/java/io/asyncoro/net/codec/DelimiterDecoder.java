package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes the frames a {@link DelimiterSpec} describes. One per connection: it remembers how far it searched,
 * so a long frame arriving in small reads is scanned once, not once per read.
 */
final class DelimiterDecoder implements FrameDecoder {

    private static final byte CR = '\r';

    private final DelimiterSpec spec;
    private final byte[] start;
    private final byte[] end;
    /** Offsets (from the buffer's position) already known not to begin the delimiter. */
    private int scanned;

    DelimiterDecoder(DelimiterSpec spec) {
        this.spec = spec;
        this.start = spec.start();
        this.end = spec.end();
    }

    @Override
    public byte[] decode(ByteBuffer in) throws IOException {
        int base = in.position();
        int n = in.remaining();
        if (!startMatches(in, base, n)) {
            return null;
        }
        int s = start.length;
        int lastStart = n - end.length;
        // A delimiter beginning after cap would leave more than maxSize bytes before it (one more when a CR
        // before it is dropped), so the search never runs past it however much is buffered.
        int cap = s + spec.maxSize() + (spec.crBeforeEnd() ? 1 : 0);
        int stop = Math.min(lastStart, cap);
        // A caller that handed a different buffer (fewer bytes than were searched) gets a fresh search.
        int from = scanned <= n ? Math.max(s, scanned) : s;
        for (int i = from; i <= stop; i++) {
            if (in.get(base + i) == end[0] && endsAt(in, base + i)) {
                int payloadEnd = spec.crBeforeEnd() && i > s && in.get(base + i - 1) == CR ? i - 1 : i;
                if (payloadEnd - s > spec.maxSize()) {
                    throw new FrameTooLargeException(spec.name(), payloadEnd - s, spec.maxSize(), "frame of "
                            + (payloadEnd - s) + " bytes exceeds the maximum of " + spec.maxSize() + " bytes");
                }
                return take(in, base, payloadEnd, i + end.length);
            }
        }
        scanned = Math.max(from, stop + 1);
        int seen = n - s;
        int mayBeEnd = lastStart >= cap ? 0 : partialEnd(in, base, n) + trailingCr(in, base, n);
        if (seen - mayBeEnd > spec.maxSize()) {
            throw tooLarge(seen);
        }
        return null;
    }

    @Override
    public byte[] decodeLast(ByteBuffer in) throws IOException {
        byte[] payload = decode(in);
        int n = in.remaining();
        if (payload != null || n == 0) {
            return payload;
        }
        if (!spec.lastWithoutEnd()) {
            throw new FrameTruncatedException(spec.name(), n,
                    "stream ended inside a frame after " + n + " bytes without " + spec.endName());
        }
        // decode allowed for a CR that a delimiter could still have followed; in a final frame it counts.
        if (n - start.length > spec.maxSize()) {
            throw tooLarge(n - start.length);
        }
        return take(in, in.position(), n, n);
    }

    /** Checks the frame's start bytes as far as they arrived; false while they have not all arrived. */
    private boolean startMatches(ByteBuffer in, int base, int n) throws FramingException {
        for (int i = 0; i < start.length; i++) {
            if (i == n) {
                return false;
            }
            if (in.get(base + i) != start[i]) {
                throw new FramingException(spec.name(), String.format(
                        "expected 0x%02X at byte %d of a frame, got 0x%02X", start[i], i, in.get(base + i)));
            }
        }
        return true;
    }

    private boolean endsAt(ByteBuffer in, int at) {
        for (int j = 1; j < end.length; j++) {
            if (in.get(at + j) != end[j]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the payload {@code [start.length, payloadEnd)} and consumes the frame up to {@code frameEnd}. */
    private byte[] take(ByteBuffer in, int base, int payloadEnd, int frameEnd) {
        byte[] payload = new byte[payloadEnd - start.length];
        in.get(base + start.length, payload);
        in.position(base + frameEnd);
        scanned = 0;
        return payload;
    }

    /** How many trailing buffered bytes are a proper prefix of the delimiter (its start may have arrived). */
    private int partialEnd(ByteBuffer in, int base, int n) {
        for (int k = Math.min(end.length - 1, n - start.length); k > 0; k--) {
            boolean match = true;
            for (int j = 0; j < k && match; j++) {
                match = in.get(base + n - k + j) == end[j];
            }
            if (match) {
                return k;
            }
        }
        return 0;
    }

    /** 1 when the bytes end in a CR that a following delimiter would drop. */
    private int trailingCr(ByteBuffer in, int base, int n) {
        return spec.crBeforeEnd() && n > start.length && in.get(base + n - 1) == CR ? 1 : 0;
    }

    private FrameTooLargeException tooLarge(long seen) {
        return new FrameTooLargeException(spec.name(), seen, spec.maxSize(),
                "frame exceeds " + spec.maxSize() + " bytes without " + spec.endName());
    }
}
