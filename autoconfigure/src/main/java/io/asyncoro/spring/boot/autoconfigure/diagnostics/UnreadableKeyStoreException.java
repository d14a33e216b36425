package io.asyncoro.spring.boot.autoconfigure.diagnostics;

/** A key store or trust store given in a server's {@code ssl.*} properties cannot be read. */
public class UnreadableKeyStoreException extends RuntimeException {

    private final String property;
    private final String location;

    /**
     * The failure to read the store at {@code location}.
     *
     * @param property the property that gave the location, for example
     *        {@code asyncoro.servers.chat.ssl.key-store}
     */
    public UnreadableKeyStoreException(String property, String location, Throwable cause) {
        super("Cannot read the key store " + location + " given by " + property + ": " + cause.getMessage(), cause);
        this.property = property;
        this.location = location;
    }

    /** The property that gave the location. */
    public String getProperty() {
        return this.property;
    }

    /** The location that could not be read. */
    public String getLocation() {
        return this.location;
    }
}
