package io.asyncoro.spring.convert;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/** Payloads as JSON, read and written by the application's Jackson {@link JsonMapper}. */
public final class JacksonPayloadConverter implements PayloadConverter {

    private final JsonMapper mapper;

    /** A converter using {@code mapper}. */
    public JacksonPayloadConverter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean canRead(Class<?> type) {
        return !type.isPrimitive() && type != byte[].class;
    }

    @Override
    public Object read(byte[] payload, Class<?> type) {
        try {
            return this.mapper.readValue(payload, type);
        }
        catch (JacksonException ex) {
            // Jackson's message (and so its stack trace) quotes the payload: keep the type and position only.
            throw PayloadConversionException.unreadable(type, position(ex.getLocation()));
        }
    }

    private static String position(TokenStreamLocation location) {
        if (location == null || location == TokenStreamLocation.NA) {
            return null;
        }
        long offset = location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr()
                + (offset >= 0 ? ", byte " + offset : "");
    }

    @Override
    public boolean canWrite(Class<?> type) {
        return true;
    }

    @Override
    public byte[] write(Object value) {
        try {
            return this.mapper.writeValueAsBytes(value);
        }
        catch (JacksonException ex) {
            throw new PayloadConversionException("cannot write " + value.getClass().getName() + " as JSON: "
                    + ex.getOriginalMessage(), ex);
        }
    }
}
