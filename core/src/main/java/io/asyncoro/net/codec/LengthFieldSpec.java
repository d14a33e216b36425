package io.asyncoro.net.codec;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The layout of a length-field framing, after Netty's {@code LengthFieldBasedFrameDecoder}. A frame is
 *
 * <pre>
 * [lengthFieldOffset bytes][length field: lengthFieldLength bytes, unsigned][rest]
 * </pre>
 *
 * where the header is the first {@code headerLength() = lengthFieldOffset + lengthFieldLength} bytes and
 *
 * <pre>
 * rest    = fieldValue + lengthAdjustment - (includesHeader ? headerLength() : 0)
 * frame   = headerLength() + rest
 * payload = the frame without its first initialBytesToStrip bytes
 * </pre>
 *
 * {@code maxSize} bounds the payload (what {@link FrameDecoder#decode} returns), as asyncoro's limit bounds
 * the message, not the header. {@code initialBytesToStrip} defaults to the whole header, so the payload is
 * what follows it; 0 keeps the header in the payload, as Netty's default does.
 *
 * <p>Encoding is possible when the payload holds every byte the frame needs besides the length field: with
 * {@code initialBytesToStrip == 0} (the payload carries the whole header; the encoder writes the length field
 * over its place) or with {@code lengthFieldOffset == 0 && initialBytesToStrip == lengthFieldLength} (the
 * encoder prepends the field). Other layouts decode only.
 *
 * @param name the framing's name in error messages
 * @param lengthFieldOffset bytes before the length field
 * @param lengthFieldLength 1, 2, 3, 4 or 8
 * @param byteOrder the length field's byte order
 * @param lengthAdjustment added to the field's value (may be negative)
 * @param includesHeader whether the field's value counts the header ({@code lengthFieldOffset} and the field)
 * @param initialBytesToStrip bytes cut from the front of each frame before it is returned
 * @param maxSize the largest payload accepted, at most {@link Codecs#MAX_SIZE}
 */
public record LengthFieldSpec(String name, int lengthFieldOffset, int lengthFieldLength, ByteOrder byteOrder,
        int lengthAdjustment, boolean includesHeader, int initialBytesToStrip, int maxSize) {

    /** Validates every setting; the message names the bad one. */
    public LengthFieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (lengthFieldOffset < 0) {
            throw new IllegalArgumentException("lengthFieldOffset must be >= 0: " + lengthFieldOffset);
        }
        // 3 is not a common width, but Netty accepts it and its documented examples use it.
        if (lengthFieldLength < 1 || lengthFieldLength > 4 && lengthFieldLength != 8) {
            throw new IllegalArgumentException("lengthFieldLength must be 1, 2, 3, 4 or 8: " + lengthFieldLength);
        }
        if (lengthFieldOffset > Codecs.MAX_SIZE - lengthFieldLength) {
            throw new IllegalArgumentException("lengthFieldOffset is too large: " + lengthFieldOffset);
        }
        if (initialBytesToStrip < 0) {
            throw new IllegalArgumentException("initialBytesToStrip must be >= 0: " + initialBytesToStrip);
        }
        if (maxSize < 0 || maxSize > Codecs.MAX_SIZE) {
            throw new IllegalArgumentException("maxSize must be between 0 and " + Codecs.MAX_SIZE + ": " + maxSize);
        }
    }

    /** A builder, starting from asyncoro's layout: a 4-byte big-endian length, then the payload. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bytes up to the end of the length field. */
    public int headerLength() {
        return lengthFieldOffset + lengthFieldLength;
    }

    /** Whether frames of this layout can be written; see the class comment. */
    public boolean encodable() {
        return initialBytesToStrip == 0 || (lengthFieldOffset == 0 && initialBytesToStrip == lengthFieldLength);
    }

    /** Builds a {@link LengthFieldSpec}; settings not given keep asyncoro's layout. */
    public static final class Builder {

        private String name = "length-field";
        private int lengthFieldOffset;
        private int lengthFieldLength = 4;
        private ByteOrder byteOrder = ByteOrder.BIG_ENDIAN;
        private int lengthAdjustment;
        private boolean includesHeader;
        private Integer initialBytesToStrip;
        private int maxSize = 1 << 20;

        private Builder() {
        }

        /** The framing's name in error messages (default {@code "length-field"}). */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Bytes before the length field (default 0). */
        public Builder lengthFieldOffset(int value) {
            this.lengthFieldOffset = value;
            return this;
        }

        /** 1, 2, 3, 4 or 8 (default 4). */
        public Builder lengthFieldLength(int value) {
            this.lengthFieldLength = value;
            return this;
        }

        /** The length field's byte order (default big endian). */
        public Builder byteOrder(ByteOrder value) {
            this.byteOrder = value;
            return this;
        }

        /** Added to the field's value to get the bytes after the field (default 0). */
        public Builder lengthAdjustment(int value) {
            this.lengthAdjustment = value;
            return this;
        }

        /** Whether the field's value counts the header too (default false). */
        public Builder includesHeader(boolean value) {
            this.includesHeader = value;
            return this;
        }

        /** Bytes cut from each frame's front (default: the whole header). */
        public Builder initialBytesToStrip(int value) {
            this.initialBytesToStrip = value;
            return this;
        }

        /** The largest payload accepted (default 1 MiB, asyncoro's default). */
        public Builder maxSize(int value) {
            this.maxSize = value;
            return this;
        }

        /** The spec; throws {@link IllegalArgumentException} naming the first bad setting. */
        public LengthFieldSpec build() {
            int strip = initialBytesToStrip != null ? initialBytesToStrip : lengthFieldOffset + lengthFieldLength;
            return new LengthFieldSpec(name, lengthFieldOffset, lengthFieldLength, byteOrder, lengthAdjustment,
                    includesHeader, strip, maxSize);
        }
    }
}
