package io.asyncoro.spring.boot.autoconfigure;

import java.util.Locale;

/**
 * The framings a server or client can name in {@code framing}: asyncoro's own ({@code message}, {@code line},
 * {@code raw}) and the common ones of existing protocols.
 */
public enum FramingType {

    /** asyncoro's {@code send_msg} framing: a 4-byte big-endian length, then the payload. */
    MESSAGE,

    /** Lines: reads LF or CRLF, writes LF. */
    LINE,

    /** No framing: each read hands over what arrived, at most {@code raw-read-size} bytes. */
    RAW,

    /** Frames ended by CRLF, read and written; a lone LF is payload. */
    CRLF,

    /** 0x02, payload, 0x03. */
    STX_ETX,

    /** Frames ended by {@code delimiter}. */
    DELIMITER,

    /** Frames of exactly {@code fixed-length} bytes. */
    FIXED,

    /** A length field laid out by {@code length-field.*}. */
    LENGTH_FIELD;

    /** The name as it is written in properties: {@code stx-etx}, {@code length-field}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
