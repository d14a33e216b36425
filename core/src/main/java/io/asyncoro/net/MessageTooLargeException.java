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
        this(describe(claimedLength, maxLength), claimedLength, maxLength);
    }

    private MessageTooLargeException(String message, long claimedLength, long maxLength) {
        super(message);
        this.claimedLength = claimedLength;
        this.maxLength = maxLength;
    }

    /**
     * A frame header stating {@code claimedLength}, refused. When its 4 bytes read as ASCII text the message says
     * so and suggests line framing: a length like 1195725856 is only {@code "GET "} seen as a number, and the
     * peer is speaking HTTP or another text protocol to a message-framed server.
     */
    static MessageTooLargeException frame(long claimedLength, long maxLength) {
        String text = FrameHeader.asText(claimedLength);
        if (text == null) {
            return new MessageTooLargeException(claimedLength, maxLength);
        }
        return new MessageTooLargeException("message header \"" + text + "\" looks like ASCII text, not a 4-byte length"
                + " (as a length it states " + claimedLength + " bytes, over the maximum message size of " + maxLength
                + " bytes): the peer seems to speak a text protocol; for newline-ended text use framing: line",
                claimedLength, maxLength);
    }

    private static String describe(long claimedLength, long maxLength) {
        return "message of " + claimedLength + " bytes exceeds the maximum message size of " + maxLength + " bytes";
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
