package io.asyncoro.spring.boot.autoconfigure.diagnostics;

/** An {@code asyncoro.*} property that has no default is not set. */
public class MissingAsyncoroPropertyException extends RuntimeException {

    private final String property;
    private final String action;

    /**
     * The failure of one property.
     *
     * @param property the full property name, for example {@code asyncoro.servers.chat.port}
     * @param action what to set, in words, for example {@code set a port, or 0 for any free port}
     */
    public MissingAsyncoroPropertyException(String property, String action) {
        super(property + " is not set; " + action);
        this.property = property;
        this.action = action;
    }

    /** The full property name. */
    public String getProperty() {
        return this.property;
    }

    /** What to set, in words. */
    public String getAction() {
        return this.action;
    }
}
