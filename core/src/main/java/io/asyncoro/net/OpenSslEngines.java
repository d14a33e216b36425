package io.asyncoro.net;

import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCounted;

/**
 * {@link TlsProvider#OPENSSL}'s engines: Netty's {@link SslContext} over netty-tcnative's BoringSSL. Loaded only
 * through {@link OpenSslSupport}, once Netty is known to be on the class path.
 *
 * <p>The provider is {@link SslProvider#OPENSSL}, not the reference-counted one: the transport releases each engine
 * when it closes ({@link #release}), or when it cannot be set up around the engine, which frees its native state at
 * once; the finalizer Netty gives these contexts frees a context replaced by a certificate rotation once its last
 * engine is gone, and a client configuration's context once the configuration is unreachable.
 */
final class OpenSslEngines {

    private OpenSslEngines() {
    }

    static EngineFactory server(List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth,
            Supplier<TlsKeyMaterial> keyMaterial) {
        requireAvailable();
        ServerEngines engines = new ServerEngines(protocols, cipherSuites, clientAuth, keyMaterial);
        engines.context();
        return engines;
    }

    static EngineFactory client(List<String> protocols, TlsKeyMaterial keyMaterial, boolean trustAll,
            boolean verifyHostname) {
        requireAvailable();
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols(protocols)
                .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        if (trustAll) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        else if (keyMaterial != null && keyMaterial.trustManagers() != null) {
            builder.trustManager(keyMaterial.trustManagers());
        }
        if (keyMaterial != null && keyMaterial.keyManagers() != null) {
            builder.keyManager(keyMaterial.keyManagers());
        }
        SslContext context = build(builder);
        return (host, port) -> context.newEngine(ByteBufAllocator.DEFAULT, host, port);
    }

    /** Frees the native state of an engine from {@link #server} or {@link #client}; a second call does nothing. */
    static void release(SSLEngine engine) {
        if (engine instanceof ReferenceCounted counted) {
            try {
                counted.release();
            }
            catch (IllegalReferenceCountException alreadyReleased) {
                // a second close path got here too: the first one freed it
            }
        }
    }

    private static void requireAvailable() {
        if (!OpenSsl.isAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            throw new TlsProviderUnavailableException("TLS provider OPENSSL: netty-tcnative's OpenSSL did not load; add "
                    + "io.netty:netty-tcnative-boringssl-static (with the build for this platform) next to "
                    + "io.netty:netty-handler. OpenSsl.unavailabilityCause(): " + cause, cause);
        }
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException("cannot set up OpenSSL: " + ex.getMessage(), ex);
        }
    }

    /** A server's engines, from a context rebuilt whenever its key material supplier hands out new material. */
    private static final class ServerEngines implements EngineFactory {

        private final List<String> protocols;
        private final List<String> cipherSuites;
        private final ClientAuth clientAuth;
        private final Supplier<TlsKeyMaterial> keyMaterial;
        private TlsKeyMaterial builtFrom;
        private SslContext context;

        ServerEngines(List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth,
                Supplier<TlsKeyMaterial> keyMaterial) {
            this.protocols = protocols;
            this.cipherSuites = cipherSuites;
            this.clientAuth = clientAuth;
            this.keyMaterial = keyMaterial;
        }

        @Override
        public SSLEngine newEngine(String peerHost, int peerPort) {
            return context().newEngine(ByteBufAllocator.DEFAULT);
        }

        synchronized SslContext context() {
            TlsKeyMaterial now = keyMaterial.get().requireKey();
            if (now != builtFrom) {
                // The old context is left to its finalizer: open connections' engines still use it.
                SslContextBuilder builder = SslContextBuilder.forServer(now.keyManagers()).sslProvider(SslProvider.OPENSSL)
                        .protocols(protocols).clientAuth(netty(clientAuth));
                if (now.trustManagers() != null) {
                    builder.trustManager(now.trustManagers());
                }
                if (cipherSuites != null) {
                    builder.ciphers(cipherSuites);
                }
                context = build(builder);
                builtFrom = now;
            }
            return context;
        }

        private static io.netty.handler.ssl.ClientAuth netty(ClientAuth auth) {
            return switch (auth) {
                case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            };
        }
    }
}
