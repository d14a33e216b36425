package io.asyncoro.net;

import java.io.EOFException;

/**
 * The stream ended inside a frame: after part of a header, or before the payload was complete. asyncoro
 * returned what it had or hung; here the partial payload is kept in the exception.
 */
public class TruncatedMessageException extends EOFException {

    private static final long serialVersionUID = 1L;

    private final long expectedLength;
    private final transient byte[] partial;

    /**
     * A frame cut short.
     *
     * @param expectedLength the announced payload length, or -1 when the header itself was cut
     * @param partial the bytes of the frame (header bytes when the header was cut) that did arrive
     */
    public TruncatedMessageException(long expectedLength, byte[] partial) {
        this(expectedLength < 0
                ? "stream ended inside a message header after " + partial.length + " of 4 bytes"
                : "stream ended inside a message after " + partial.length + " of " + expectedLength + " bytes",
                expectedLength, partial);
    }

    private TruncatedMessageException(String message, long expectedLength, byte[] partial) {
        super(message);
        this.expectedLength = expectedLength;
        this.partial = partial;
    }

    /** A last line that the stream ended before its {@code \n}; no header or length is involved. */
    static TruncatedMessageException line(byte[] partial) {
        return new TruncatedMessageException("stream ended inside a line: " + partial.length
                + " bytes without a line end", -1, partial);
    }

    /** A decoder's message cut short: only the decoder knows its length. */
    static TruncatedMessageException decoded(byte[] partial) {
        return new TruncatedMessageException("stream ended inside a message after " + partial.length
                + " bytes that hold no whole message", -1, partial);
    }

    /** The announced payload length, or -1 when the header was cut or there is none (lines, decoders). */
    public long expectedLength() {
        return expectedLength;
    }

    /** What arrived of the frame. */
    public byte[] partial() {
        return partial.clone();
    }
}
