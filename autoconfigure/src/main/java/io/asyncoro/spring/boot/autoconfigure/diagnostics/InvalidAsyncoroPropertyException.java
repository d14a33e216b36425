package io.asyncoro.spring.boot.autoconfigure.diagnostics;

/** An {@code asyncoro.*} property has a value outside what it allows. */
public class InvalidAsyncoroPropertyException extends RuntimeException {

    private final String property;
    private final Object value;
    private final String allowed;

    /**
     * The failure of one property.
     *
     * @param property the full property name, for example {@code asyncoro.servers.chat.port}
     * @param value the value given
     * @param allowed the values allowed, in words, for example {@code between 0 and 65535}
     */
    public InvalidAsyncoroPropertyException(String property, Object value, String allowed) {
        super("Invalid value '" + value + "' for " + property + ": must be " + allowed);
        this.property = property;
        this.value = value;
        this.allowed = allowed;
    }

    /** The full property name. */
    public String getProperty() {
        return this.property;
    }

    /** The value given. */
    public Object getValue() {
        return this.value;
    }

    /** The values allowed, in words. */
    public String getAllowed() {
        return this.allowed;
    }
}
