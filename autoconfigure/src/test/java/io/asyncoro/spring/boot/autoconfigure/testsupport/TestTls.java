package io.asyncoro.spring.boot.autoconfigure.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsServerConfig;

/** The test key stores under {@code src/test/resources/tls} (password {@code changeit}). */
public final class TestTls {

    public static final String PASSWORD = "changeit";

    private TestTls() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestTls.class.getResource("/tls/" + name).toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A server presenting {@code server.p12} (CN=localhost). */
    public static TlsServerConfig server() throws IOException {
        SSLContext context = SslContexts.forServer(resource("server.p12"), "PKCS12", PASSWORD.toCharArray());
        return TlsServerConfig.builder().sslContext(context).build();
    }

    /** A client trusting {@code truststore.p12}, checking the name localhost. */
    public static TlsClientConfig client() throws IOException {
        SSLContext context = SslContexts.trusting(resource("truststore.p12"), "PKCS12", PASSWORD.toCharArray());
        return TlsClientConfig.builder().sslContext(context).serverName("localhost").build();
    }
}
