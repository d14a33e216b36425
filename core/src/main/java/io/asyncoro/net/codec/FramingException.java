package io.asyncoro.net.codec;

import java.io.IOException;

/**
 * The byte stream does not follow the framing a {@link Codec} expects: a malformed header, a missing start
 * byte, a frame too large or cut short. The stream cannot be resynchronised after one, so the connection
 * should be closed. The message always starts with the framing's {@link Codec#name() name}.
 */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String framing;

    /**
     * A framing error.
     *
     * @param framing the framing's name, e.g. {@code "line"}
     * @param detail what is wrong, without the framing's name
     */
    public FramingException(String framing, String detail) {
        super(framing + " framing: " + detail);
        this.framing = framing;
    }

    /** The name of the framing that rejected the stream. */
    public String framing() {
        return framing;
    }
}
