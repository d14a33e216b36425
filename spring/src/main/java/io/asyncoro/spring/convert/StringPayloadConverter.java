package io.asyncoro.spring.convert;

import java.nio.charset.StandardCharsets;

/** Payloads as UTF-8 text. */
final class StringPayloadConverter implements PayloadConverter {

    @Override
    public boolean canRead(Class<?> type) {
        return type == String.class || type == CharSequence.class;
    }

    @Override
    public Object read(byte[] payload, Class<?> type) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canWrite(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type);
    }

    @Override
    public byte[] write(Object value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
