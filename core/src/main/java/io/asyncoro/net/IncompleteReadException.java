package io.asyncoro.net;

import java.io.EOFException;

/**
 * {@link AsyncSocket#recvAll(int)} met the end of the stream before it had all the bytes asked for. The
 * bytes that did arrive are not lost: {@link #partial()} has them.
 */
public class IncompleteReadException extends EOFException {

    private static final long serialVersionUID = 1L;

    private final int expected;
    private final transient byte[] partial;

    /** A short read of {@code partial.length} out of {@code expected} bytes. */
    public IncompleteReadException(int expected, byte[] partial) {
        super("stream ended after " + partial.length + " of " + expected + " bytes");
        this.expected = expected;
        this.partial = partial;
    }

    /** How many bytes were asked for. */
    public int expected() {
        return expected;
    }

    /** The bytes that arrived before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }
}
