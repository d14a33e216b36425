package io.asyncoro.net;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * TLS settings of a client connection. By default the server's certificate is verified against the JDK's
 * trust anchors (or the given context's), its host name is checked and SNI is sent. Switching verification
 * off takes {@link Builder#insecureTrustAllCertificates()}, named so that nobody does it by accident.
 */
public final class TlsClientConfig {

    private final SSLContext sslContext;
    private final List<String> protocols;
    private final boolean verifyHostname;
    private final boolean verifyValidity;
    private final String serverName;
    private final Duration handshakeTimeout;
    private final TlsProvider provider;
    // OPENSSL's engines; null for the JDK's, which come from sslContext.
    private final EngineFactory openSsl;

    private TlsClientConfig(Builder builder) {
        this.sslContext = builder.sslContext != null || builder.keyMaterial == null
                || builder.provider != TlsProvider.JDK ? builder.sslContext : builder.keyMaterial.toSslContext();
        this.protocols = List.copyOf(builder.protocols);
        this.verifyHostname = builder.verifyHostname;
        this.verifyValidity = builder.verifyValidity;
        this.serverName = builder.serverName;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.provider = builder.provider;
        if (provider == TlsProvider.OPENSSL) {
            if (builder.sslContext != null && !builder.trustAll) {
                throw new IllegalStateException("TLS provider OPENSSL cannot use an SSLContext (its keys and trust "
                        + "cannot be handed to OpenSSL): give keyMaterial(...) instead");
            }
            this.openSsl = OpenSslSupport.client(protocols, builder.keyMaterial, builder.trustAll, verifyHostname);
        }
        else {
            this.openSsl = null;
        }
    }

    /** Verification on, TLS 1.3 and 1.2, the JDK's default trust anchors. */
    public static TlsClientConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** How long the handshake may take. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Which TLS implementation the client uses. */
    public TlsProvider provider() {
        return provider;
    }

    /** Layers TLS (client mode) over a connected plain socket, for {@code host}. Does not start the handshake. */
    SSLSocket wrap(Socket connected, String host) throws IOException {
        if (openSsl != null) {
            throw new IllegalStateException("TLS provider OPENSSL has no SSLSocket: it serves the polled "
                    + "(non-blocking) mode only; use TlsProvider.JDK for blocking-mode TLS");
        }
        String peerName = peerName(host);
        SSLSocket ssl = (SSLSocket) context().getSocketFactory().createSocket(connected, peerName, connected.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.setSSLParameters(parameters(ssl.getSSLParameters(), peerName));
        return ssl;
    }

    /** An engine (client mode) for a connection to {@code host:port}. Does not start the handshake. */
    SSLEngine newEngine(String host, int port) throws IOException {
        String peerName = peerName(host);
        SSLEngine engine = openSsl != null ? openSsl.newEngine(peerName, port) : context().createSSLEngine(peerName, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine.getSSLParameters(), peerName));
        return engine;
    }

    private SSLContext context() throws IOException {
        if (sslContext != null) {
            return sslContext;
        }

        try {
            return SSLContext.getDefault();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IOException("no default SSL context", ex);
        }
    }

    private String peerName(String host) {
        return serverName != null ? serverName : host;
    }

    private SSLParameters parameters(SSLParameters params, String peerName) {
        params.setProtocols(protocols.toArray(String[]::new));
        if (verifyHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (peerName != null && !isIpLiteral(peerName)) {
            params.setServerNames(List.of(new SNIHostName(peerName)));
        }
        return params;
    }

    /**
     * Refuses a server certificate outside its validity period. The JDK's PKIX check does not look at the
     * dates of a certificate that is itself a trust anchor (RFC 5280 leaves anchors unchecked), so a pinned
     * self-signed certificate would otherwise be accepted long after it expired.
     */
    void checkPeerValidity(SSLSession session) throws SSLHandshakeException {
        if (!verifyValidity) {
            return;
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        }
        catch (SSLPeerUnverifiedException ex) {
            throw new SSLHandshakeException("the server presented no certificate");
        }
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate x509) {
                try {
                    x509.checkValidity();
                }
                catch (CertificateExpiredException | CertificateNotYetValidException ex) {
                    SSLHandshakeException refused = new SSLHandshakeException("server certificate "
                            + x509.getSubjectX500Principal().getName() + " is not valid now (valid from "
                            + x509.getNotBefore().toInstant() + " to " + x509.getNotAfter().toInstant() + ")");
                    refused.initCause(ex);
                    throw refused;
                }
            }
        }
    }

    private static boolean isIpLiteral(String host) {
        // SNI takes host names only; an IPv6 literal has colons, an IPv4 one only digits and dots.
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Builds a {@link TlsClientConfig}. */
    public static final class Builder {

        private SSLContext sslContext;
        private List<String> protocols = TlsServerConfig.DEFAULT_PROTOCOLS;
        private boolean verifyHostname = true;
        private boolean verifyValidity = true;
        private String serverName;
        private Duration handshakeTimeout = TlsServerConfig.DEFAULT_HANDSHAKE_TIMEOUT;
        private TlsKeyMaterial keyMaterial;
        private boolean trustAll;
        private TlsProvider provider = TlsProvider.JDK;

        private Builder() {
        }

        /**
         * Which TLS implementation connects; {@link TlsProvider#JDK} by default. {@link TlsProvider#OPENSSL} needs
         * {@code io.netty:netty-handler} and {@code io.netty:netty-tcnative-boringssl-static} ({@link #build()} fails
         * naming them otherwise) and takes its trust and key from {@link #keyMaterial}, not from an SSLContext.
         */
        public Builder provider(TlsProvider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /**
         * Trusts the material's trust managers (the JDK's default anchors when they are {@code null}) and presents
         * its key, if any, for client authentication. With the JDK provider an {@link SSLContext} given as well wins.
         */
        public Builder keyMaterial(TlsKeyMaterial material) {
            this.keyMaterial = Objects.requireNonNull(material, "material");
            return this;
        }

        /** Trusts what this context trusts (and presents its key, for client authentication). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The protocols to offer. */
        public Builder protocols(List<String> enabled) {
            if (enabled.isEmpty()) {
                throw new IllegalArgumentException("at least one TLS protocol must be enabled");
            }
            this.protocols = enabled;
            return this;
        }

        /** The name sent as SNI and checked against the certificate, when it differs from the host connected to. */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /** How long the handshake may take. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Turns off all verification of the server: any certificate, for any host, is accepted. This gives
         * encryption without authentication, which an attacker in the middle defeats. For tests and demos only.
         */
        public Builder insecureTrustAllCertificates() {
            this.sslContext = SslContexts.insecureTrustAll();
            this.trustAll = true;
            this.verifyHostname = false;
            this.verifyValidity = false;
            System.getLogger("io.asyncoro.net").log(System.Logger.Level.WARNING,
                    "TLS client with certificate verification turned off: anyone in the middle can read this connection");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws TlsProviderUnavailableException when {@link TlsProvider#OPENSSL} is asked for and cannot load
         */
        public TlsClientConfig build() {
            return new TlsClientConfig(this);
        }
    }
}
