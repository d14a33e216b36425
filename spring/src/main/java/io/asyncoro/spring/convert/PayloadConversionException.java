package io.asyncoro.spring.convert;

/** A payload could not be converted to or from the type a handler asked for. */
public class PayloadConversionException extends RuntimeException {

    /** A failure with its cause. */
    public PayloadConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure. */
    public PayloadConversionException(String message) {
        super(message);
    }
}
