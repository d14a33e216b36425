package io.asyncoro.spring.boot.test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Shows received bytes in a failure message: as quoted text when they are UTF-8, else as hex. */
final class Printable {

    /** Beyond this, a message is cut: a failure message must stay readable. */
    private static final int MAX_SHOWN = 200;

    private Printable() {
    }

    static String quote(byte[] bytes) {
        if (bytes == null) {
            return "nothing";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return quote(text);
        }
        catch (CharacterCodingException ex) {
            int shown = Math.min(bytes.length, MAX_SHOWN);
            return "bytes 0x" + HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "..." : "")
                    + " (" + bytes.length + " bytes)";
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (shown < text.length()) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    static String quoteAll(List<byte[]> messages) {
        return messages.stream().map(Printable::quote).collect(Collectors.joining(", ", "[", "]"));
    }
}
