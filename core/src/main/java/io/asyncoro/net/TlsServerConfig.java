package io.asyncoro.net;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS settings of a server socket: where the certificate comes from, which protocols, whether clients must
 * present a certificate, and how long a handshake may take.
 *
 * <p>The {@link SSLContext} is looked up for each new connection, so a supplier that returns a new context
 * after a certificate rotation serves the new certificate to new connections while open ones keep theirs.
 *
 * <p>The engines are the JDK's unless {@link Builder#provider(TlsProvider)} asks for {@link TlsProvider#OPENSSL},
 * which takes its key from {@link Builder#keyStore} or {@link Builder#keyMaterial}, not from an SSLContext.
 */
public final class TlsServerConfig {

    /** asyncoro's {@code ssl_version} becomes this list; nothing below TLS 1.2 is offered. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The default handshake timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<SSLContext> sslContext;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final ClientAuth clientAuth;
    private final Duration handshakeTimeout;
    private final TlsProvider provider;
    // OPENSSL's engines; null for the JDK's, which come from sslContext.
    private final EngineFactory openSsl;

    private TlsServerConfig(Builder builder, Supplier<SSLContext> sslContext, Supplier<TlsKeyMaterial> keyMaterial) {
        this.protocols = List.copyOf(builder.protocols);
        this.cipherSuites = builder.cipherSuites == null ? null : List.copyOf(builder.cipherSuites);
        this.clientAuth = builder.clientAuth;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.provider = builder.provider;
        if (provider == TlsProvider.OPENSSL) {
            if (keyMaterial == null) {
                throw new IllegalStateException(sslContext != null
                        ? "TLS provider OPENSSL cannot use an SSLContext (its keys cannot be handed to OpenSSL): give "
                                + "the key as keyStore(...) or keyMaterial(...) instead"
                        : "a key store or key material is required");
            }
            this.sslContext = null;
            this.openSsl = OpenSslSupport.server(protocols, cipherSuites, clientAuth, keyMaterial);
        }
        else {
            this.sslContext = Objects.requireNonNull(sslContext != null ? sslContext : jdkContexts(keyMaterial),
                    "an SSLContext or a key store is required");
            this.openSsl = null;
        }
    }

    /** JDK contexts for key material, a new one whenever the supplier hands out new material. */
    private static Supplier<SSLContext> jdkContexts(Supplier<TlsKeyMaterial> keyMaterial) {
        if (keyMaterial == null) {
            return null;
        }
        record Built(TlsKeyMaterial from, SSLContext context) {
        }
        TlsKeyMaterial first = keyMaterial.get().requireKey();
        // Built now, so that a key the JDK cannot use fails build() rather than the first connection.
        AtomicReference<Built> last = new AtomicReference<>(new Built(first, first.toSslContext()));
        return () -> {
            TlsKeyMaterial now = keyMaterial.get().requireKey();
            Built built = last.get();
            if (built.from() != now) {
                built = new Built(now, now.toSslContext());
                last.set(built);
            }
            return built.context();
        };
    }

    /** A builder with TLS 1.3 and 1.2, no client authentication and a 10 s handshake timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** The protocols enabled. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether clients must present certificates. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** How long a handshake may take before the connection is dropped. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Which TLS implementation serves the connections. */
    public TlsProvider provider() {
        return provider;
    }

    /**
     * The SSL context new connections are served with now.
     *
     * @throws IllegalStateException with {@link TlsProvider#OPENSSL}, which has no JDK context
     */
    public SSLContext currentSslContext() {
        requireJdk("an SSLContext");
        return sslContext.get();
    }

    private void requireJdk(String what) {
        if (openSsl != null) {
            throw new IllegalStateException("TLS provider OPENSSL has no " + what
                    + ": it serves the polled (non-blocking) mode only; use TlsProvider.JDK for blocking-mode TLS");
        }
    }

    /** Layers TLS (server mode, handshake not yet started) over an accepted plain socket: JDK provider only. */
    SSLSocket wrap(Socket accepted) throws IOException {
        requireJdk("SSLSocket");
        SSLContext context = sslContext.get();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setSSLParameters(parameters(ssl.getSSLParameters()));
        return ssl;
    }

    /** An engine (server mode, handshake not yet started) for one accepted connection, from the current context. */
    SSLEngine newEngine() {
        if (openSsl != null) {
            // protocols, cipher suites and client authentication are set on OpenSSL's context
            return openSsl.newEngine(null, -1);
        }
        SSLEngine engine = sslContext.get().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters(engine.getSSLParameters()));
        return engine;
    }

    private SSLParameters parameters(SSLParameters params) {
        params.setProtocols(protocols.toArray(String[]::new));
        if (cipherSuites != null) {
            params.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        switch (clientAuth) {
            case NEED -> params.setNeedClientAuth(true);
            case WANT -> params.setWantClientAuth(true);
            case NONE -> params.setNeedClientAuth(false);
        }
        return params;
    }

    /** Builds a {@link TlsServerConfig}. */
    public static final class Builder {

        private Supplier<SSLContext> sslContext;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private KeyStore keyStore;
        private char[] keyPassword;
        private KeyStore trustStore;
        private Supplier<TlsKeyMaterial> keyMaterial;
        private TlsProvider provider = TlsProvider.JDK;

        private Builder() {
        }

        /**
         * Which TLS implementation serves; {@link TlsProvider#JDK} by default. {@link TlsProvider#OPENSSL} needs
         * {@code io.netty:netty-handler} and {@code io.netty:netty-tcnative-boringssl-static} on the class path
         * ({@link #build()} fails naming them otherwise), its key from {@link #keyStore} or {@link #keyMaterial},
         * and serves the polled mode only (a blocking-mode server refuses it).
         */
        public Builder provider(TlsProvider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /**
         * Serves the key (and trusts the client certificates) in the supplier's current material, asked for each
         * new connection: a supplier that hands out a new instance after a rotation gets new engines built from it.
         * Takes precedence over {@link #keyStore}; an {@link SSLContext} given as well is used by the JDK provider.
         */
        public Builder keyMaterial(Supplier<TlsKeyMaterial> supplier) {
            this.keyMaterial = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /**
         * Serves the key in this key store file ({@code PKCS12} or {@code JKS}); its password also unlocks the
         * key. Ignored when an {@link SSLContext} is given.
         *
         * @throws IOException naming the file when it cannot be read or the password is wrong
         */
        public Builder keyStore(Path path, String type, char[] password) throws IOException {
            this.keyStore = SslContexts.loadKeyStore(path, type, password);
            this.keyPassword = password.clone();
            return this;
        }

        /**
         * Trusts the certificates in this store for client certificates (with {@link ClientAuth#NEED} or
         * {@link ClientAuth#WANT}); without it the JDK's default trust anchors are used.
         */
        public Builder trustStore(Path path, String type, char[] password) throws IOException {
            this.trustStore = SslContexts.loadKeyStore(path, type, password);
            return this;
        }

        /** Serves every connection with this context. */
        public Builder sslContext(SSLContext context) {
            Objects.requireNonNull(context, "context");
            this.sslContext = () -> context;
            return this;
        }

        /** Asks the supplier for the context of each new connection (certificate rotation). */
        public Builder sslContext(Supplier<SSLContext> supplier) {
            this.sslContext = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /** The protocols to enable, for example {@code TLSv1.3}. */
        public Builder protocols(List<String> enabled) {
            if (enabled.isEmpty()) {
                throw new IllegalArgumentException("at least one TLS protocol must be enabled");
            }
            this.protocols = enabled;
            return this;
        }

        /** The cipher suites to enable; {@code null} keeps the JDK's defaults. */
        public Builder cipherSuites(List<String> suites) {
            this.cipherSuites = suites;
            return this;
        }

        /** Whether clients must present certificates. */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** How long a handshake may take. */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws TlsProviderUnavailableException when {@link TlsProvider#OPENSSL} is asked for and cannot load
         * @throws IllegalStateException when no key is given, or OPENSSL is given only an SSLContext
         */
        public TlsServerConfig build() {
            Supplier<TlsKeyMaterial> material = keyMaterial;
            if (material == null && keyStore != null) {
                try {
                    TlsKeyMaterial fromStores = TlsKeyMaterial.of(keyStore, keyPassword, trustStore);
                    material = () -> fromStores;
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex.getMessage(), ex);
                }
            }
            return new TlsServerConfig(this, sslContext, material);
        }
    }
}
