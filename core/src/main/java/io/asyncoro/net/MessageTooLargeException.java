package io.asyncoro.net;

import java.io.IOException;

/**
 * A frame's header (or a line) claimed more bytes than the socket's maximum message size. Thrown before
 * anything of that size is allocated; the connection cannot be resynchronised and should be closed.
 */
public class MessageTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long claimedLength;
    private final long maxLength;

    /** A frame of {@code claimedLength} bytes refused against the limit {@code maxLength}. */
    public MessageTooLargeException(long claimedLength, long maxLength) {
        super("message of " + claimedLength + " bytes exceeds the maximum message size of " + maxLength + " bytes");
        this.claimedLength = claimedLength;
        this.maxLength = maxLength;
    }

    /** The length the peer announced (for line framing: the bytes seen without a line end). */
    public long claimedLength() {
        return claimedLength;
    }

    /** The limit in force. */
    public long maxLength() {
        return maxLength;
    }
}
