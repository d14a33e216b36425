package io.asyncoro.spring.boot.autoconfigure.diagnostics;

/**
 * A key store or trust store a server's {@code ssl.*} properties point at, directly or through an SSL bundle,
 * cannot be read: a missing file, a wrong password, a wrong type.
 */
public class UnreadableKeyStoreException extends RuntimeException {

    private final String property;
    private final String location;

    /**
     * The failure to read the store at {@code location}.
     *
     * @param property the property that gave the location, for example
     *        {@code asyncoro.servers.chat.ssl.key-store}
     * @param location the store as the property named it, for example {@code classpath:chat.p12}
     */
    public UnreadableKeyStoreException(String property, String location, Throwable cause) {
        super("Cannot read the key store " + location + " given by " + property + ": " + rootMessage(cause), cause);
        this.property = property;
        this.location = location;
    }

    /**
     * The failure to read the stores of an SSL bundle a server serves.
     *
     * @param serverName the server whose {@code ssl.bundle} names the bundle
     * @param bundleName the bundle's name
     */
    public static UnreadableKeyStoreException ofBundle(String serverName, String bundleName, Throwable cause) {
        return new UnreadableKeyStoreException("asyncoro.servers." + serverName + ".ssl.bundle",
                "of SSL bundle '" + bundleName + "' (spring.ssl.bundle.*." + bundleName + ")", cause);
    }

    /** The property that gave the location. */
    public String getProperty() {
        return this.property;
    }

    /** The location that could not be read. */
    public String getLocation() {
        return this.location;
    }

    /** The innermost cause's message: the one that says what is wrong (a bad password, a missing file). */
    public String getReason() {
        return rootMessage(getCause());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root == null) ? "unknown" : String.valueOf(root.getMessage());
    }
}
