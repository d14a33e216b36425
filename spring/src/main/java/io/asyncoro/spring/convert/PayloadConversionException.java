package io.asyncoro.spring.convert;

/**
 * A payload could not be converted to or from the type a handler asked for.
 *
 * <p>The message of a read failure built by {@link #unreadable(Class, String)} names only the target type and
 * where reading stopped: it never quotes the payload, so it may be logged. A message given to the other
 * constructors is the converter's own and is never logged by asyncoro, since it may quote input.
 */
public class PayloadConversionException extends RuntimeException {

    private final Class<?> targetType;
    private final String position;

    /** A failure with its cause. */
    public PayloadConversionException(String message, Throwable cause) {
        super(message, cause);
        this.targetType = null;
        this.position = null;
    }

    /** A failure. */
    public PayloadConversionException(String message) {
        super(message);
        this.targetType = null;
        this.position = null;
    }

    private PayloadConversionException(Class<?> targetType, String position) {
        super("payload could not be read as " + targetType.getName() + (position != null ? " (" + position + ")" : ""));
        this.targetType = targetType;
        this.position = position;
    }

    /**
     * A payload that could not be read as {@code targetType}: the message names the type and the position
     * only. No cause is kept, since a parser's exception usually quotes the input it refused.
     *
     * @param position where reading stopped, for example {@code line 1, column 12}, or {@code null}
     */
    public static PayloadConversionException unreadable(Class<?> targetType, String position) {
        return new PayloadConversionException(targetType, position);
    }

    /** The type the payload was to be read as, when this is a read failure that names it. */
    public Class<?> getTargetType() {
        return this.targetType;
    }

    /** Where reading stopped, when known. */
    public String getPosition() {
        return this.position;
    }

    /** Whether the message is safe to log: built from the target type and position alone. */
    public boolean isDescribedWithoutPayload() {
        return this.targetType != null;
    }
}
