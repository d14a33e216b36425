package io.asyncoro.examples;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test key stores under {@code src/test/resources/tls} (password {@code changeit}); see the README there. */
final class TlsFiles {

    static final String PASSWORD = "changeit";

    private TlsFiles() {
    }

    /** The server's key store: CN=localhost, SAN localhost and 127.0.0.1. */
    static Path serverKeyStore() {
        return resource("tls/server.p12");
    }

    /** A PKCS12 trust store holding the server's certificate. */
    static Path trustStore() {
        return resource("tls/truststore.p12");
    }

    /** The server's certificate as PEM, the CA file Python's ssl module takes. */
    static Path serverCertificatePem() {
        return resource("tls/server-cert.pem");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TlsFiles.class.getClassLoader().getResource(name).toURI());
        }
        catch (URISyntaxException | NullPointerException ex) {
            throw new IllegalStateException("test resource " + name + " is missing", ex);
        }
    }
}
