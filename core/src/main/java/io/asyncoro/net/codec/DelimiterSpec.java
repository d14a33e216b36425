package io.asyncoro.net.codec;

/**
 * The layout of a delimiter framing: {@code [start] payload [end]}.
 *
 * @param name the framing's name in error messages
 * @param start bytes every frame begins with (STX), or none
 * @param end the delimiter that closes a frame; never empty
 * @param endName how messages call the delimiter ("a newline")
 * @param crBeforeEnd whether a CR just before the end is dropped on reading (line framing's CRLF tolerance)
 * @param lastWithoutEnd whether, at the end of the stream, unterminated bytes are a final frame rather than a
 *        truncation error
 * @param maxSize the largest payload accepted
 */
record DelimiterSpec(String name, byte[] start, byte[] end, String endName, boolean crBeforeEnd,
        boolean lastWithoutEnd, int maxSize) {

    DelimiterSpec {
        if (end.length == 0) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        if (maxSize < 0 || maxSize > Codecs.MAX_SIZE) {
            throw new IllegalArgumentException("maxSize must be between 0 and " + Codecs.MAX_SIZE + ": " + maxSize);
        }
        if (lastWithoutEnd && start.length > 0) {
            // A final frame without its end is only unambiguous when frames have no start bytes to check.
            throw new IllegalArgumentException("lastWithoutEnd needs a framing without start bytes");
        }
        start = start.clone();
        end = end.clone();
    }

    /** A copy, so that no caller can change a shared codec's delimiter. */
    @Override
    public byte[] start() {
        return start.clone();
    }

    /** A copy, so that no caller can change a shared codec's delimiter. */
    @Override
    public byte[] end() {
        return end.clone();
    }
}
