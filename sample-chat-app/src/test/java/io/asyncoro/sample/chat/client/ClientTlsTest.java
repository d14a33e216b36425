package io.asyncoro.sample.chat.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ClientTlsTest {

    private static final Path TLS = Path.of("src/test/resources/tls");

    @Test
    void trustsTheCertificatesOfAPemFile() throws Exception {
        KeyStore trust = ClientTls.trustStore(TLS.resolve("server-cert.pem"), null);
        assertThat(Collections.list(trust.aliases())).hasSize(1);
        X509Certificate cert = (X509Certificate) trust.getCertificate(trust.aliases().nextElement());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
    }

    @Test
    void readsAPkcs12TrustStore() throws Exception {
        KeyStore trust = ClientTls.trustStore(TLS.resolve("truststore.p12"), "changeit".toCharArray());
        assertThat(trust.size()).isGreaterThan(1);
    }

    @Test
    void namesAFileItCannotRead(@TempDir Path dir) {
        assertThatIOException().isThrownBy(() -> ClientTls.trustStore(dir.resolve("missing.pem"), null))
            .withMessageContaining("cannot read").withMessageContaining("missing.pem");
    }

    @Test
    void insecureNeedsNoTrust() throws IOException {
        ClientOptions options = ClientOptions.parse(List.of("--tls", "--insecure"));
        assertThat(ClientTls.config(options)).isNotNull();
    }
}
