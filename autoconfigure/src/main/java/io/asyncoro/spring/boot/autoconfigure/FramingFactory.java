package io.asyncoro.spring.boot.autoconfigure;

import java.util.Arrays;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.StringUtils;

import io.asyncoro.net.Framing;
import io.asyncoro.net.codec.Codec;
import io.asyncoro.net.codec.Codecs;
import io.asyncoro.net.codec.LengthFieldSpec;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.connection.MessageFraming;

/**
 * Turns the framing settings of a server or client ({@link FramingProperties}) into the codec its connections
 * use, failing with the name of the property at fault. {@code message}, {@code line} and {@code raw} keep
 * the socket's own fast paths and need no codec.
 */
public final class FramingFactory {

    private final ListableBeanFactory beanFactory;

    /**
     * A factory.
     *
     * @param beanFactory where {@code codec} bean names are looked up; {@code null} when there are none
     */
    public FramingFactory(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * How connections configured by {@code properties} frame messages.
     *
     * @param prefix the properties' prefix with its trailing dot, e.g. {@code asyncoro.servers.chat.}
     * @throws InvalidAsyncoroPropertyException when a framing setting cannot be used
     */
    public MessageFraming messageFraming(String prefix, FramingProperties properties) {
        int readSize = (int) Math.min(Integer.MAX_VALUE - 8, properties.getRawReadSize().toBytes());
        Codec codec = codec(prefix, properties);
        return codec != null ? MessageFraming.of(codec)
                : MessageFraming.of(asyncoroFraming(properties.getFraming()), readSize);
    }

    /**
     * The codec {@code properties} name or describe, or {@code null} for asyncoro's own framings
     * ({@code message}, {@code line}, {@code raw}).
     *
     * @throws InvalidAsyncoroPropertyException when a framing setting cannot be used
     */
    public Codec codec(String prefix, FramingProperties properties) {
        if (StringUtils.hasText(properties.getCodec())) {
            return codecBean(prefix + "codec", properties.getCodec());
        }
        FramingType type = properties.getFraming();
        if (type == null) {
            throw new InvalidAsyncoroPropertyException(prefix + "framing", null, "one of " + allowed());
        }
        int maxSize = (int) Math.min(Codecs.MAX_SIZE, properties.getMaxMessageSize().toBytes());
        return switch (type) {
            case MESSAGE, LINE, RAW -> null;
            case CRLF -> Codecs.crlf(maxSize);
            case STX_ETX -> Codecs.stxEtx(maxSize);
            case DELIMITER -> Codecs.delimiter(EscapedText.bytes(prefix + "delimiter", properties.getDelimiter()),
                    maxSize);
            case FIXED -> fixed(prefix + "fixed-length", properties.getFixedLength());
            case LENGTH_FIELD -> lengthField(prefix + "length-field.", properties.getLengthField(), maxSize);
        };
    }

    /** asyncoro's framing for {@code message}, {@code line} and {@code raw}. */
    static Framing asyncoroFraming(FramingType type) {
        return switch (type) {
            case LINE -> Framing.LINE;
            case RAW -> Framing.RAW;
            default -> Framing.MESSAGE;
        };
    }

    private Codec codecBean(String property, String name) {
        if (this.beanFactory == null) {
            throw new InvalidAsyncoroPropertyException(property, name, "the name of a Codec bean (there are none)");
        }
        try {
            return this.beanFactory.getBean(name, Codec.class);
        }
        catch (BeansException ex) {
            throw new InvalidAsyncoroPropertyException(property, name, "the name of a Codec bean, one of "
                    + Arrays.toString(this.beanFactory.getBeanNamesForType(Codec.class)));
        }
    }

    private static Codec fixed(String property, Integer length) {
        if (length == null || length < 1) {
            throw new InvalidAsyncoroPropertyException(property, length, "at least 1 with framing fixed");
        }
        return Codecs.fixedLength(length);
    }

    private static Codec lengthField(String prefix, FramingProperties.LengthField field, int maxSize) {
        int length = field.getLength();
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            throw new InvalidAsyncoroPropertyException(prefix + "length", length, "1, 2, 4 or 8");
        }
        if (field.getByteOrder() == null) {
            throw new InvalidAsyncoroPropertyException(prefix + "byte-order", null, "big or little");
        }
        if (field.getOffset() < 0) {
            throw new InvalidAsyncoroPropertyException(prefix + "offset", field.getOffset(), "0 or more");
        }
        // With an offset, the bytes before the field are the application's: they stay in the payload, which
        // is then also what it writes (the encoder fills in the field). Without one the payload follows it.
        LengthFieldSpec.Builder spec = LengthFieldSpec.builder()
            .name("length-field")
            .lengthFieldLength(length)
            .byteOrder(field.getByteOrder().byteOrder())
            .lengthFieldOffset(field.getOffset())
            .lengthAdjustment(field.getAdjustment())
            .includesHeader(field.isIncludesHeader())
            .maxSize(maxSize);
        if (field.getOffset() > 0) {
            spec.initialBytesToStrip(0);
        }
        try {
            return Codecs.lengthField(spec.build());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidAsyncoroPropertyException(prefix + "adjustment", field.getAdjustment(),
                    "a value giving a valid layout (" + ex.getMessage() + ")");
        }
    }

    private static String allowed() {
        return String.join(", ", Arrays.stream(FramingType.values()).map(FramingType::propertyValue).toList());
    }
}
