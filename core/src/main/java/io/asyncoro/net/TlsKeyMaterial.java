package io.asyncoro.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material in the form both {@link TlsProvider}s accept: the key to present and the certificates to trust. A
 * supplier of these that returns a new instance after a certificate rotation gets new engines built from it.
 *
 * @param keyManagers the key (and certificate chain) to present; {@code null} for a client without a certificate
 * @param trustManagers the certificates to trust; {@code null} for the JDK's default trust anchors
 */
public record TlsKeyMaterial(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers) {

    /** Key material from key stores already loaded; {@code trustStore} {@code null} trusts the JDK's anchors. */
    public static TlsKeyMaterial of(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
            }
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
            }
            return new TlsKeyMaterial(kmf, tmf);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("cannot read the key material: " + ex.getMessage(), ex);
        }
    }

    /** A JDK context presenting and trusting this material. */
    SSLContext toSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("cannot create an SSL context: " + ex.getMessage(), ex);
        }
    }

    /** The server side needs a key to present. */
    TlsKeyMaterial requireKey() {
        Objects.requireNonNull(keyManagers, "a server needs a key: TlsKeyMaterial.keyManagers is null");
        return this;
    }
}
