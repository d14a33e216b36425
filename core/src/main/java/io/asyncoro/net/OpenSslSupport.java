package io.asyncoro.net;

import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

/**
 * The door to {@link TlsProvider#OPENSSL} that needs nothing but the JDK: it checks that Netty is there before the
 * class that uses it, {@link OpenSslEngines}, is loaded, so core keeps running without Netty unless OpenSSL is
 * asked for.
 */
final class OpenSslSupport {

    private static final String NETTY_OPENSSL = "io.netty.handler.ssl.OpenSsl";

    private OpenSslSupport() {
    }

    /** A server's engines from the supplier's current key material; the first is built now, so errors show here. */
    static EngineFactory server(List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth,
            Supplier<TlsKeyMaterial> keyMaterial) {
        requireNetty();
        return OpenSslEngines.server(protocols, cipherSuites, clientAuth, keyMaterial);
    }

    /** A client's engines; {@code keyMaterial} {@code null} trusts the JDK's anchors and presents no key. */
    static EngineFactory client(List<String> protocols, TlsKeyMaterial keyMaterial, boolean trustAll,
            boolean verifyHostname) {
        requireNetty();
        return OpenSslEngines.client(protocols, keyMaterial, trustAll, verifyHostname);
    }

    /**
     * Frees the native state of an engine from {@link #server} or {@link #client} now rather than at garbage
     * collection; does nothing for any other provider's engine. The provider, not the engine's type, decides:
     * looking at the type would load Netty, which a JDK engine's connection may not have.
     */
    static void release(TlsProvider provider, SSLEngine engine) {
        if (provider == TlsProvider.OPENSSL) {
            OpenSslEngines.release(engine);
        }
    }

    private static void requireNetty() {
        try {
            Class.forName(NETTY_OPENSSL, false, OpenSslSupport.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new TlsProviderUnavailableException("TLS provider OPENSSL needs " + TlsProviderUnavailableException.ARTIFACTS
                    + " on the class path, and " + NETTY_OPENSSL + " is not there (" + ex + ")", ex);
        }
    }
}
