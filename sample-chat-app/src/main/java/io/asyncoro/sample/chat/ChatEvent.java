package io.asyncoro.sample.chat;

import java.nio.charset.StandardCharsets;

/**
 * What one node tells the others about its members, on the cluster bus: a join, a message or a leave, with the
 * member's number. Encoded as one letter ({@code J}, {@code S}, {@code L}), the number, a space, then the text
 * (for a message) in UTF-8; each node turns it into the protocol's text for its own members.
 *
 * @param kind what happened
 * @param number the member's number
 * @param text what the member said; empty for a join or a leave
 */
record ChatEvent(Kind kind, long number, String text) {

    /** What happened to a member. */
    enum Kind {
        JOINED('J'), SAID('S'), LEFT('L');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown chat event kind '" + code + "'");
        }
    }

    static ChatEvent joined(long number) {
        return new ChatEvent(Kind.JOINED, number, "");
    }

    static ChatEvent said(long number, String text) {
        return new ChatEvent(Kind.SAID, number, text);
    }

    static ChatEvent left(long number) {
        return new ChatEvent(Kind.LEFT, number, "");
    }

    /** The text asyncoro's chat_sock_server sends to the other members for this event. */
    String protocolText() {
        return switch (this.kind) {
            case JOINED -> this.number + " joined";
            case SAID -> this.number + " says: " + this.text;
            case LEFT -> this.number + " left";
        };
    }

    byte[] encode() {
        return (this.kind.code + Long.toString(this.number) + " " + this.text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an encoded event.
     *
     * @throws IllegalArgumentException when {@code bytes} is no event
     */
    static ChatEvent decode(byte[] bytes) {
        String encoded = new String(bytes, StandardCharsets.UTF_8);
        int space = encoded.indexOf(' ');
        if (encoded.length() < 3 || space < 2) {
            throw new IllegalArgumentException("not a chat event: " + encoded.length() + " chars");
        }
        try {
            long number = Long.parseLong(encoded.substring(1, space));
            return new ChatEvent(Kind.of(encoded.charAt(0)), number, encoded.substring(space + 1));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("not a chat event: bad member number", ex);
        }
    }
}
