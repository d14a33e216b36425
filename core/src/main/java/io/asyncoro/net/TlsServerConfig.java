package io.asyncoro.net;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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

    private TlsServerConfig(Builder builder, Supplier<SSLContext> sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "an SSLContext or a key store is required");
        this.protocols = List.copyOf(builder.protocols);
        this.cipherSuites = builder.cipherSuites == null ? null : List.copyOf(builder.cipherSuites);
        this.clientAuth = builder.clientAuth;
        this.handshakeTimeout = builder.handshakeTimeout;
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

    /** The SSL context new connections are served with now. */
    public SSLContext currentSslContext() {
        return sslContext.get();
    }

    /** Layers TLS (server mode, handshake not yet started) over an accepted plain socket. */
    SSLSocket wrap(Socket accepted) throws IOException {
        SSLContext context = sslContext.get();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setSSLParameters(parameters(ssl.getSSLParameters()));
        return ssl;
    }

    /** An engine (server mode, handshake not yet started) for one accepted connection, from the current context. */
    SSLEngine newEngine() {
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

        private Builder() {
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

        /** The configuration. */
        public TlsServerConfig build() {
            Supplier<SSLContext> context = sslContext;
            if (context == null && keyStore != null) {
                try {
                    SSLContext fromStores = SslContexts.create(keyStore, keyPassword, trustStore);
                    context = () -> fromStores;
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex.getMessage(), ex);
                }
            }
            return new TlsServerConfig(this, context);
        }
    }
}
