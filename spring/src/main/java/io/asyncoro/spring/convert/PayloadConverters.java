package io.asyncoro.spring.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The converters in the order they are asked: {@code byte[]}, {@code String} (UTF-8), the application's
 * {@link PayloadConverter} beans, then JSON when Jackson is present.
 */
public final class PayloadConverters {

    private final List<PayloadConverter> converters;

    /**
     * The built-in converters followed by {@code additional}.
     *
     * @param additional application converters, in order, then the JSON converter if any
     */
    public PayloadConverters(List<? extends PayloadConverter> additional) {
        List<PayloadConverter> all = new ArrayList<>();
        all.add(new ByteArrayPayloadConverter());
        all.add(new StringPayloadConverter());
        all.addAll(additional);
        this.converters = List.copyOf(all);
    }

    /** Only the built-in {@code byte[]} and {@code String} converters. */
    public static PayloadConverters builtIn() {
        return new PayloadConverters(List.of());
    }

    /** The converter that reads {@code type}, if any. */
    public Optional<PayloadConverter> readerFor(Class<?> type) {
        return this.converters.stream().filter(c -> c.canRead(type)).findFirst();
    }

    /** Whether some converter writes {@code type}. */
    public boolean canWrite(Class<?> type) {
        return this.converters.stream().anyMatch(c -> c.canWrite(type));
    }

    /**
     * Converts a value to payload bytes.
     *
     * @throws PayloadConversionException when no converter writes its type
     */
    public byte[] write(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        for (PayloadConverter converter : this.converters) {
            if (converter.canWrite(value.getClass())) {
                return converter.write(value);
            }
        }
        throw new PayloadConversionException("no PayloadConverter writes " + value.getClass().getName()
                + " (add Jackson for JSON, or a PayloadConverter bean)");
    }
}
