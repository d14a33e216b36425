package io.asyncoro.spring.boot.autoconfigure;

import java.nio.ByteOrder;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * How the connections of a server or client cut their byte stream into messages: the settings shared by
 * {@code asyncoro.servers.<name>.*} and {@code asyncoro.clients.<name>.*}.
 */
public abstract class FramingProperties {

    /**
     * How the byte stream is cut into messages: message (asyncoro send_msg framing), line (reads LF or CRLF,
     * writes LF), raw, crlf, stx-etx, delimiter, fixed or length-field. Ignored when codec is set.
     */
    private FramingType framing = FramingType.MESSAGE;

    /**
     * Name of a bean of type io.asyncoro.net.codec.Codec framing messages instead of framing, for a protocol no
     * built-in framing fits.
     */
    private String codec;

    /** With framing delimiter: the bytes ending each frame, as text with Java escapes (\n, \t, \0, \x1E, \u0003). */
    private String delimiter;

    /** With framing fixed: the length of every frame, in bytes. */
    private Integer fixedLength;

    /** Largest message (frame payload, line or datagram) accepted; a larger one closes the connection. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /** Largest read in raw framing; with the other framings but message and line, the most read at once. */
    private DataSize rawReadSize = DataSize.ofKilobytes(8);

    /** With framing length-field: the header's layout. */
    @NestedConfigurationProperty
    private final LengthField lengthField = new LengthField();

    public FramingType getFraming() {
        return this.framing;
    }

    public void setFraming(FramingType framing) {
        this.framing = framing;
    }

    public String getCodec() {
        return this.codec;
    }

    public void setCodec(String codec) {
        this.codec = codec;
    }

    public String getDelimiter() {
        return this.delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public Integer getFixedLength() {
        return this.fixedLength;
    }

    public void setFixedLength(Integer fixedLength) {
        this.fixedLength = fixedLength;
    }

    public DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public DataSize getRawReadSize() {
        return this.rawReadSize;
    }

    public void setRawReadSize(DataSize rawReadSize) {
        this.rawReadSize = rawReadSize;
    }

    public LengthField getLengthField() {
        return this.lengthField;
    }

    /** The layout of a length-field header, after Netty's {@code LengthFieldBasedFrameDecoder}. */
    public static class LengthField {

        /** Width of the length field in bytes: 1, 2, 4 or 8. */
        private int length = 4;

        /** Byte order of the length field: big or little. */
        private Order byteOrder = Order.BIG;

        /** Bytes before the length field (kept in the payload, which the application then writes too). */
        private int offset = 0;

        /** Added to the field's value to get the number of bytes after the field (may be negative). */
        private int adjustment = 0;

        /** Whether the field's value counts the header (offset and field) as well as what follows. */
        private boolean includesHeader = false;

        public int getLength() {
            return this.length;
        }

        public void setLength(int length) {
            this.length = length;
        }

        public Order getByteOrder() {
            return this.byteOrder;
        }

        public void setByteOrder(Order byteOrder) {
            this.byteOrder = byteOrder;
        }

        public int getOffset() {
            return this.offset;
        }

        public void setOffset(int offset) {
            this.offset = offset;
        }

        public int getAdjustment() {
            return this.adjustment;
        }

        public void setAdjustment(int adjustment) {
            this.adjustment = adjustment;
        }

        public boolean isIncludesHeader() {
            return this.includesHeader;
        }

        public void setIncludesHeader(boolean includesHeader) {
            this.includesHeader = includesHeader;
        }
    }

    /** A length field's byte order. */
    public enum Order {

        /** Most significant byte first (network order). */
        BIG(ByteOrder.BIG_ENDIAN),

        /** Least significant byte first. */
        LITTLE(ByteOrder.LITTLE_ENDIAN);

        private final ByteOrder byteOrder;

        Order(ByteOrder byteOrder) {
            this.byteOrder = byteOrder;
        }

        /** The JDK's byte order. */
        public ByteOrder byteOrder() {
            return this.byteOrder;
        }
    }
}
