package io.asyncoro.sample.chat.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.asyncoro.net.SslContexts;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo key, made by the JDK's keytool (each generation starts a JVM, so the tests share one where they can). */
@Timeout(120)
class DemoTlsKeyStoreTest {

    @TempDir
    static Path shared;

    static DemoTlsKeyStore generated;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateOnce() throws IOException {
        generated = DemoTlsKeyStore.ensure(shared.resolve("nested/.asyncoro-demo-tls"));
    }

    @Test
    void generatesASelfSignedKeyForLocalhostWithARandomPassword() throws Exception {
        DemoTlsKeyStore key = generated;
        assertThat(key.keyStore()).exists().hasFileName(DemoTlsKeyStore.KEY_STORE_FILE);
        assertThat(key.certificate()).exists().content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(key.password()).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("changeit");
        assertThat(Files.readString(key.keyStore().resolveSibling(DemoTlsKeyStore.PASSWORD_FILE))).isEqualTo(key.password());
        assertThat(key.toString()).doesNotContain(key.password());

        KeyStore store = SslContexts.loadKeyStore(key.keyStore(), "PKCS12", key.password().toCharArray());
        assertThat(store.isKeyEntry(DemoTlsKeyStore.ALIAS)).isTrue();
        X509Certificate cert = (X509Certificate) store.getCertificate(DemoTlsKeyStore.ALIAS);
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost").contains("not for real use");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        List<String> names = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        try (Stream<Path> files = Files.list(key.keyStore().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary files left")
                .containsExactlyInAnyOrder(DemoTlsKeyStore.KEY_STORE_FILE, DemoTlsKeyStore.CERTIFICATE_FILE,
                        DemoTlsKeyStore.PASSWORD_FILE);
        }
    }

    @Test
    void thePemFileHoldsTheKeyStoresCertificate() throws Exception {
        KeyStore store = SslContexts.loadKeyStore(generated.keyStore(), "PKCS12", generated.password().toCharArray());
        try (InputStream in = Files.newInputStream(generated.certificate())) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in))
                .isEqualTo(store.getCertificate(DemoTlsKeyStore.ALIAS));
        }
    }

    @Test
    void reusesTheKeyOnTheNextStart() throws Exception {
        copyGenerated();
        byte[] keyStoreBytes = Files.readAllBytes(this.dir.resolve(DemoTlsKeyStore.KEY_STORE_FILE));

        DemoTlsKeyStore again = DemoTlsKeyStore.ensure(this.dir);

        assertThat(again.password()).isEqualTo(generated.password());
        assertThat(Files.readAllBytes(again.keyStore())).isEqualTo(keyStoreBytes);
    }

    @Test
    void replacesAKeyStoreItsPasswordNoLongerOpens() throws Exception {
        copyGenerated();
        Files.writeString(this.dir.resolve(DemoTlsKeyStore.PASSWORD_FILE), "wrong");

        DemoTlsKeyStore replaced = DemoTlsKeyStore.ensure(this.dir);

        assertThat(replaced.password()).isNotEqualTo(generated.password()).isNotEqualTo("wrong");
        assertThat(replaced.isUsable()).isTrue();
    }

    @Test
    void replacesAMissingCertificate() throws Exception {
        copyGenerated();
        Files.delete(this.dir.resolve(DemoTlsKeyStore.CERTIFICATE_FILE));

        DemoTlsKeyStore replaced = DemoTlsKeyStore.ensure(this.dir);

        assertThat(replaced.certificate()).exists();
        assertThat(replaced.isUsable()).isTrue();
    }

    private void copyGenerated() throws IOException {
        for (Path file : List.of(generated.keyStore(), generated.certificate(),
                generated.keyStore().resolveSibling(DemoTlsKeyStore.PASSWORD_FILE))) {
            Files.copy(file, this.dir.resolve(file.getFileName()));
        }
    }
}
