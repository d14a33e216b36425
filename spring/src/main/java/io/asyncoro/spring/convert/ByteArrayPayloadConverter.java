package io.asyncoro.spring.convert;

/** Hands payloads over as they are. */
final class ByteArrayPayloadConverter implements PayloadConverter {

    @Override
    public boolean canRead(Class<?> type) {
        return type == byte[].class;
    }

    @Override
    public Object read(byte[] payload, Class<?> type) {
        return payload;
    }

    @Override
    public boolean canWrite(Class<?> type) {
        return type == byte[].class;
    }

    @Override
    public byte[] write(Object value) {
        return (byte[]) value;
    }
}
