package io.asyncoro.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds {@link SSLContext}s from PKCS12 or JKS key stores, with nothing but the JDK. */
public final class SslContexts {

    private SslContexts() {
    }

    /**
     * Loads a key store.
     *
     * @param type {@code PKCS12} or {@code JKS}; {@code null} for PKCS12
     * @throws IOException naming the file when it cannot be read or the password is wrong
     */
    public static KeyStore loadKeyStore(Path path, String type, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return loadKeyStore(in, path.toString(), type, password);
        }
    }

    /** Loads a key store from a stream; {@code description} names it in errors. */
    public static KeyStore loadKeyStore(InputStream in, String description, String type, char[] password)
            throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(type == null ? "PKCS12" : type);
            store.load(in, password);
            return store;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IOException("cannot load key store " + description + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * An SSL context presenting the key store's key and trusting the trust store's certificates (or, when
     * {@code trustStore} is {@code null}, the JDK's default trust anchors).
     */
    public static SSLContext create(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("cannot create SSL context: " + ex.getMessage(), ex);
        }
    }

    /** A server-side context from one key store file (the key store's password also unlocks the key). */
    public static SSLContext forServer(Path keyStore, String type, char[] password) throws IOException {
        return create(loadKeyStore(keyStore, type, password), password, null);
    }

    /** A client-side context that trusts exactly the certificates in {@code trustStore}. */
    public static SSLContext trusting(Path trustStore, String type, char[] password) throws IOException {
        return create(null, null, loadKeyStore(trustStore, type, password));
    }

    /**
     * A context that trusts every certificate. Only for tests and for
     * {@link TlsClientConfig.Builder#insecureTrustAllCertificates()}: it gives no protection against an
     * attacker in the middle.
     */
    static SSLContext insecureTrustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new TrustAllManager() }, null);
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final class TrustAllManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
