package io.asyncoro.spring.boot.autoconfigure.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for configuration metadata files. Boot's {@code BasicJsonParser}, which
 * applications without Jackson or Gson get, cannot read every metadata file on a typical class path, and
 * this check must not depend on a JSON library the application may not have.
 */
final class MetadataJson {

    private final String text;
    private int position;

    private MetadataJson(String text) {
        this.text = text;
    }

    /** The JSON value in {@code text}: a map, list, string, number, boolean or {@code null}. */
    static Object parse(String text) {
        MetadataJson reader = new MetadataJson(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw reader.failure("end of input");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return string();
        }
        if (this.text.startsWith("true", this.position)) {
            this.position += 4;
            return Boolean.TRUE;
        }
        if (this.text.startsWith("false", this.position)) {
            this.position += 5;
            return Boolean.FALSE;
        }
        if (this.text.startsWith("null", this.position)) {
            this.position += 4;
            return null;
        }
        return number();
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            this.position++;
            return object;
        }
        do {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            object.put(key, value());
            skipWhitespace();
        }
        while (next(','));
        expect('}');
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            this.position++;
            return array;
        }
        do {
            array.add(value());
            skipWhitespace();
        }
        while (next(','));
        expect(']');
        return array;
    }

    private String string() {
        expect('"');
        StringBuilder string = new StringBuilder();
        while (peek() != '"') {
            char c = this.text.charAt(this.position++);
            if (c != '\\') {
                string.append(c);
                continue;
            }
            char escaped = this.text.charAt(this.position++);
            switch (escaped) {
                case 'n' -> string.append('\n');
                case 't' -> string.append('\t');
                case 'r' -> string.append('\r');
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'u' -> {
                    string.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
                    this.position += 4;
                }
                default -> string.append(escaped);
            }
        }
        this.position++;
        return string.toString();
    }

    private Object number() {
        int start = this.position;
        while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
            this.position++;
        }
        if (start == this.position) {
            throw failure("a value");
        }
        String number = this.text.substring(start, this.position);
        return (number.contains(".") || number.contains("e") || number.contains("E")) ? Double.valueOf(number)
                : Long.valueOf(number);
    }

    private boolean next(char c) {
        if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
            this.position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw failure("'" + c + "'");
        }
    }

    private char peek() {
        if (this.position >= this.text.length()) {
            throw failure("more input");
        }
        return this.text.charAt(this.position);
    }

    private void skipWhitespace() {
        while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
            this.position++;
        }
    }

    private IllegalArgumentException failure(String expected) {
        return new IllegalArgumentException("Invalid configuration metadata JSON: expected " + expected
                + " at offset " + this.position);
    }
}
