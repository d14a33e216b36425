package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import io.asyncoro.net.TlsProviderUnavailableException;

/**
 * A server's or client's {@code ssl.provider} asks for OpenSSL, which cannot be used here: Netty or
 * netty-tcnative is missing, or its native library did not load on this platform.
 */
public class UnavailableTlsProviderException extends RuntimeException {

    private final String property;

    /** The failure of the setting {@code property} (for example {@code asyncoro.servers.chat.ssl.provider}). */
    public UnavailableTlsProviderException(String property, Throwable cause) {
        super(property + "=openssl, but OpenSSL cannot be used: " + cause.getMessage(), cause);
        this.property = property;
    }

    /** The property that asks for OpenSSL. */
    public String getProperty() {
        return this.property;
    }

    /** The Maven coordinates to add. */
    public String getArtifacts() {
        return TlsProviderUnavailableException.ARTIFACTS;
    }
}
