package io.asyncoro.net.codec;

/**
 * The stream ended inside a frame: in a header, before the announced length arrived, or before the
 * delimiter. Raised by {@link FrameDecoder#decodeLast}.
 */
public class FrameTruncatedException extends FramingException {

    private static final long serialVersionUID = 1L;

    private final int received;

    /**
     * A frame cut short by the end of the stream.
     *
     * @param framing the framing's name
     * @param received how many bytes of the unfinished frame were buffered
     * @param detail the explanation, without the framing's name
     */
    public FrameTruncatedException(String framing, int received, String detail) {
        super(framing, detail);
        this.received = received;
    }

    /** How many bytes of the unfinished frame arrived before the end of the stream. */
    public int received() {
        return received;
    }
}
