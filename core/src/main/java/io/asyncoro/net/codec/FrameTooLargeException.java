package io.asyncoro.net.codec;

/**
 * A frame exceeds the decoder's maximum size. Thrown as soon as that is known, before the frame is buffered:
 * when a length field is decoded, or when more than the maximum has arrived without a delimiter.
 */
public class FrameTooLargeException extends FramingException {

    private static final long serialVersionUID = 1L;

    private final long length;
    private final long maxSize;

    /**
     * A frame refused for its size.
     *
     * @param framing the framing's name
     * @param length the payload length the header announced, or for delimiter framings the bytes seen so far
     *        without a delimiter (a lower bound)
     * @param maxSize the limit in force
     * @param detail the explanation, without the framing's name
     */
    public FrameTooLargeException(String framing, long length, long maxSize, String detail) {
        super(framing, detail);
        this.length = length;
        this.maxSize = maxSize;
    }

    /** The announced payload length, or for delimiter framings the bytes seen without a delimiter. */
    public long length() {
        return length;
    }

    /** The largest payload the decoder accepts. */
    public long maxSize() {
        return maxSize;
    }
}
