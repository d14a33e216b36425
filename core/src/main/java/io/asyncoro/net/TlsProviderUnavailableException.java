package io.asyncoro.net;

/**
 * {@link TlsProvider#OPENSSL} was asked for but cannot be used here: Netty or netty-tcnative is not on the class
 * path, or its native library did not load on this platform. The message names the artifact to add.
 */
public class TlsProviderUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The artifacts {@link TlsProvider#OPENSSL} needs, as Maven coordinates. */
    public static final String ARTIFACTS = "io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static";

    /** An exception with this message and cause. */
    public TlsProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
