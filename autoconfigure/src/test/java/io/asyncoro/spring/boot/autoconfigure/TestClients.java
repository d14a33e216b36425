package io.asyncoro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;

/** Clients for tests: core {@link AsyncSocket}s to 127.0.0.1. */
final class TestClients {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestClients() {
    }

    static AsyncSocket connect(int port) throws IOException {
        AsyncSocket socket = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT);
        socket.setTimeout(TIMEOUT);
        return socket;
    }

    static AsyncSocket connectTls(int port) throws IOException {
        AsyncSocket socket = AsyncSocket.connectTls(new InetSocketAddress("127.0.0.1", port), TIMEOUT, tls());
        socket.setTimeout(TIMEOUT);
        return socket;
    }

    /** Trusts the test certificates and checks the name they carry, localhost, while connecting to 127.0.0.1. */
    static TlsClientConfig tls() throws IOException {
        return TlsClientConfig.builder().sslContext(trustingTestCertificates()).serverName("localhost").build();
    }

    static SSLContext trustingTestCertificates() throws IOException {
        try (InputStream in = TestClients.class.getResourceAsStream("/tls/truststore.p12")) {
            KeyStore trust = SslContexts.loadKeyStore(in, "truststore.p12", "PKCS12", "changeit".toCharArray());
            return SslContexts.create(null, null, trust);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
