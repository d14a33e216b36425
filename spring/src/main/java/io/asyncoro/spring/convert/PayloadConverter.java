package io.asyncoro.spring.convert;

import io.asyncoro.spring.annotation.OnMessage;

/**
 * Turns message payloads into the parameter type of an {@code @OnMessage} method, and reply or
 * {@code send} values into payload bytes. Beans of this type are consulted in
 * {@link org.springframework.core.Ordered} order after the built-in {@code byte[]} and {@code String}
 * converters and before the JSON one.
 */
public interface PayloadConverter {

    /** Whether this converter can produce a {@code type} from payload bytes. */
    boolean canRead(Class<?> type);

    /**
     * Converts a payload.
     *
     * @throws PayloadConversionException when the bytes do not represent a {@code type}
     */
    Object read(byte[] payload, Class<?> type);

    /** Whether this converter can write values of {@code type}. */
    boolean canWrite(Class<?> type);

    /** Converts a value to payload bytes. */
    byte[] write(Object value);
}
