package io.asyncoro.sample.chat.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;

import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;

/** Turns the client's TLS options into a {@link TlsClientConfig}. */
final class ClientTls {

    private ClientTls() {
    }

    /**
     * The TLS settings the options ask for: the JDK's trust anchors, the certificates or trust store of
     * {@code --trust}, or (loudly) none at all with {@code --insecure}.
     */
    static TlsClientConfig config(ClientOptions options) throws IOException {
        TlsClientConfig.Builder builder = TlsClientConfig.builder();
        if (options.insecure()) {
            builder.insecureTrustAllCertificates();
        }
        else if (options.trust() != null) {
            builder.sslContext(SslContexts.create(null, null, trustStore(options.trust(), options.trustPassword())));
        }
        return builder.build();
    }

    /** A trust store holding the certificates of a PEM or DER file, or the trust store the file is. */
    static KeyStore trustStore(Path file, char[] password) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file.toAbsolutePath());
        }
        Collection<? extends Certificate> certificates = certificates(file);
        if (certificates.isEmpty()) {
            // Not a certificate file: a PKCS12 or JKS trust store (the JDK's PKCS12 loader reads JKS too).
            return SslContexts.loadKeyStore(file, "PKCS12", password);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            return store;
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("cannot build a trust store from " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        catch (CertificateException ex) {
            return List.of();
        }
    }
}
