package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.TlsProvider;

/** A server's TLS settings: a Spring SSL bundle, or a key store given inline. */
public class ServerSslProperties {

    /**
     * Whether the server speaks TLS. Unset, it does when key material is named (bundle or key-store), as
     * Boot's server.ssl does; false with key material named serves plain TCP and logs a warning.
     */
    private Boolean enabled;

    /** Name of a spring.ssl.bundle.* bundle to serve; takes precedence over the inline key store. */
    private String bundle;

    /** Location of the key store (PKCS12 or JKS), for example classpath:chat.p12 or file:/etc/chat.p12. */
    private String keyStore;

    /** Password of the key store. */
    private String keyStorePassword;

    /** Type of the key store: PKCS12 or JKS. */
    private String keyStoreType = "PKCS12";

    /** Password of the key in the key store; defaults to the key store password. */
    private String keyPassword;

    /** Location of a trust store for client certificates (client-auth want or need). */
    private String trustStore;

    /** Password of the trust store. */
    private String trustStorePassword;

    /** Type of the trust store: PKCS12 or JKS. */
    private String trustStoreType = "PKCS12";

    /** TLS protocols enabled. */
    private List<String> protocols = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));

    /** Whether clients must present a certificate: none, want or need. */
    private ClientAuth clientAuth = ClientAuth.NONE;

    /** How long a TLS handshake may take before the connection is dropped. */
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    /**
     * TLS implementation: jdk (the JDK's own) or openssl (BoringSSL from io.netty:netty-tcnative-boringssl-static,
     * which the application adds with io.netty:netty-handler).
     */
    private TlsProvider provider = TlsProvider.JDK;

    public Boolean getEnabled() {
        return this.enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether the server serves TLS: {@code enabled} when set, otherwise whether key material is named.
     * Not a bean property (no {@code get}/{@code is} prefix), so binding and metadata ignore it.
     */
    public boolean servesTls() {
        return (this.enabled != null) ? this.enabled : namesKeyMaterial();
    }

    /** Whether a bundle or an inline key store is named. */
    public boolean namesKeyMaterial() {
        return hasText(this.bundle) || hasText(this.keyStore);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public String getBundle() {
        return this.bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public String getKeyStore() {
        return this.keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return this.keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreType() {
        return this.keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
        this.keyStoreType = keyStoreType;
    }

    public String getKeyPassword() {
        return this.keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
        this.keyPassword = keyPassword;
    }

    public String getTrustStore() {
        return this.trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return this.trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
        return this.trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = trustStoreType;
    }

    public List<String> getProtocols() {
        return this.protocols;
    }

    public void setProtocols(List<String> protocols) {
        this.protocols = protocols;
    }

    public ClientAuth getClientAuth() {
        return this.clientAuth;
    }

    public void setClientAuth(ClientAuth clientAuth) {
        this.clientAuth = clientAuth;
    }

    public Duration getHandshakeTimeout() {
        return this.handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public TlsProvider getProvider() {
        return this.provider;
    }

    public void setProvider(TlsProvider provider) {
        this.provider = provider;
    }
}
