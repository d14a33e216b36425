package io.asyncoro.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsServerConfig;

/** The test key stores in {@code src/test/resources/tls} (password {@code changeit}; see the README there). */
public final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {
    }

    public static KeyStore store(String file) {
        try (InputStream in = TestTls.class.getResourceAsStream("/tls/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test key store " + file);
            }
            return SslContexts.loadKeyStore(in, file, "PKCS12", PASSWORD);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A server context presenting the key in {@code keyStoreFile} and trusting the test trust store (for client auth). */
    public static SSLContext serverContext(String keyStoreFile) {
        try {
            return SslContexts.create(store(keyStoreFile), PASSWORD, store("truststore.p12"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Server settings with core's defaults and the given key. */
    public static TlsServerConfig.Builder server(String keyStoreFile) {
        return TlsServerConfig.builder().sslContext(serverContext(keyStoreFile)).handshakeTimeout(Duration.ofSeconds(5));
    }

    public static TlsServerConfig server(String keyStoreFile, ClientAuth clientAuth) {
        return server(keyStoreFile).clientAuth(clientAuth).build();
    }

    /** A client context trusting the test trust store, presenting {@code keyStoreFile}'s key when not null. */
    public static SSLContext clientContext(String keyStoreFile) {
        try {
            return SslContexts.create(keyStoreFile == null ? null : store(keyStoreFile), PASSWORD, store("truststore.p12"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A client with core's default verification, trusting the test trust store. */
    public static TlsClientConfig client() {
        return TlsClientConfig.builder().sslContext(clientContext(null)).handshakeTimeout(Duration.ofSeconds(5)).build();
    }

    /** A verifying client that presents the test client certificate. */
    public static TlsClientConfig clientWithCertificate() {
        return TlsClientConfig.builder().sslContext(clientContext("client.p12")).handshakeTimeout(Duration.ofSeconds(5)).build();
    }

    /** A verifying client that trusts only the certificates in {@code trustStoreFile}. */
    public static TlsClientConfig clientTrusting(String trustStoreFile) {
        try {
            return TlsClientConfig.builder().sslContext(SslContexts.create(null, null, store(trustStoreFile)))
                    .handshakeTimeout(Duration.ofSeconds(5)).build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A verifying client offering only {@code protocols}. */
    public static TlsClientConfig client(List<String> protocols) {
        return TlsClientConfig.builder().sslContext(clientContext(null)).protocols(protocols)
                .handshakeTimeout(Duration.ofSeconds(5)).build();
    }
}
