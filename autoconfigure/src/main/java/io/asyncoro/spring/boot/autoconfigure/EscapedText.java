package io.asyncoro.spring.boot.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;

/**
 * Reads a delimiter written as text with Java escapes, so that control bytes fit in a properties or YAML
 * file: {@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \\}, {@code \xHH} (one byte) and
 * {@code \}{@code uHHHH} (a character, written as UTF-8). Other characters are their UTF-8 bytes.
 */
final class EscapedText {

    private EscapedText() {
    }

    /**
     * The bytes {@code text} stands for.
     *
     * @throws InvalidAsyncoroPropertyException naming {@code property} when the text is empty or an escape is bad
     */
    static byte[] bytes(String property, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidAsyncoroPropertyException(property, text,
                    "a non-empty delimiter with framing delimiter, for example \\n or \\x1E");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i >= text.length()) {
                throw bad(property, text);
            }
            char e = text.charAt(i++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(hex(property, text, i, 2));
                    i += 2;
                }
                case 'u' -> {
                    out.writeBytes(String.valueOf((char) hex(property, text, i, 4)).getBytes(StandardCharsets.UTF_8));
                    i += 4;
                }
                default -> throw bad(property, text);
            }
        }
        return out.toByteArray();
    }

    private static int hex(String property, String text, int from, int digits) {
        if (from + digits > text.length()) {
            throw bad(property, text);
        }
        try {
            return Integer.parseInt(text.substring(from, from + digits), 16);
        }
        catch (NumberFormatException ex) {
            throw bad(property, text);
        }
    }

    private static InvalidAsyncoroPropertyException bad(String property, String text) {
        return new InvalidAsyncoroPropertyException(property, text,
                "text with the escapes \\n, \\r, \\t, \\0, \\\\, \\xHH or \\uHHHH");
    }
}
