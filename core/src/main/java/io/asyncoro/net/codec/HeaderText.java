package io.asyncoro.net.codec;

import java.nio.ByteBuffer;

/**
 * Spots a length header that is really text: the classic symptom of a line-speaking peer (or an HTTP client)
 * talking to a message-framed port, where {@code "GET "} reads as a 1.2 GB length. Public for core's own
 * {@code message} framing, which words the same hint; not meant for applications.
 */
public final class HeaderText {

    /** Enough to show the header of any sane layout; a long offset is cut rather than quoted whole. */
    private static final int MAX_QUOTED = 16;

    private HeaderText() {
    }

    /**
     * The header bytes {@code in[at, at + length)} quoted, if every one is printable ASCII (or tab, CR, LF) and
     * there are at least two of them; otherwise {@code null}. Only header bytes are ever quoted, never payload.
     */
    static String quoteIfText(ByteBuffer in, int at, int length) {
        if (length < 2) {
            return null;
        }
        String text = escapeIfText(in, at, Math.min(length, MAX_QUOTED));
        return text == null ? null : "'" + text + (length > MAX_QUOTED ? "...'" : "'");
    }

    /**
     * The bytes {@code in[at, at + length)} as text, with tab, CR and LF escaped, if every one is printable ASCII
     * or one of those three; otherwise {@code null}. Core's own {@code message} framing uses it for its 4-byte
     * header too, so both say the same about a text-speaking peer.
     */
    public static String escapeIfText(ByteBuffer in, int at, int length) {
        StringBuilder text = new StringBuilder(length + 2);
        for (int i = 0; i < length; i++) {
            int b = in.get(at + i) & 0xFF;
            switch (b) {
                case '\t' -> text.append("\\t");
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                default -> {
                    if (b < 0x20 || b > 0x7E) {
                        return null;
                    }
                    text.append((char) b);
                }
            }
        }
        return text.toString();
    }
}
