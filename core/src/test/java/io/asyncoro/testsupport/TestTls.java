package io.asyncoro.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.SslContexts;

/** The test key stores in {@code src/test/resources/tls} (see the README there). */
public final class TestTls {

    public static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {
    }

    /** A key store file from the test resources. */
    public static Path store(String fileName) {
        try {
            return Path.of(TestTls.class.getResource("/tls/" + fileName).toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static KeyStore load(String fileName) throws IOException {
        return SslContexts.loadKeyStore(store(fileName), fileName.endsWith(".jks") ? "JKS" : "PKCS12", PASSWORD);
    }

    /** A server context presenting the key in {@code fileName}. */
    public static SSLContext server(String fileName) throws IOException {
        return SslContexts.create(load(fileName), PASSWORD, null);
    }

    /** A server context presenting {@code fileName}'s key and trusting the test trust store (client certificates). */
    public static SSLContext serverTrustingClients(String fileName) throws IOException {
        return SslContexts.create(load(fileName), PASSWORD, load("truststore.p12"));
    }

    /** A client context trusting the test trust store, without a certificate of its own. */
    public static SSLContext client() throws IOException {
        return SslContexts.create(null, null, load("truststore.p12"));
    }

    /** A client context trusting the test trust store and presenting the client certificate. */
    public static SSLContext clientWithCertificate() throws IOException {
        return SslContexts.create(load("client.p12"), PASSWORD, load("truststore.p12"));
    }
}
