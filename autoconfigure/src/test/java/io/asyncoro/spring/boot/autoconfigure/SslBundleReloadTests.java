package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SslContexts;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.netty.handler.ssl.OpenSsl;

/**
 * A bundle with {@code reload-on-update}: rewriting its key store makes new handshakes present the new
 * certificate, while a connection opened before keeps working.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SslBundleReloadTests {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "ssl.provider={0}")
    @ValueSource(strings = { "jdk", "openssl" })
    void newConnectionsGetTheRotatedCertificateAndOpenOnesKeepWorking(String provider) throws Exception {
        if (provider.equals("openssl")) {
            Assumptions.assumeTrue(OpenSsl.isAvailable(),
                    () -> "netty-tcnative's OpenSSL is not available here: " + OpenSsl.unavailabilityCause());
        }
        Path keyStore = this.directory.resolve("server.p12");
        copy("/tls/server.p12", keyStore);
        Certificate original = certificate("/tls/server.p12");
        Certificate rotated = certificate("/tls/server-rotated.p12");
        assertThat(rotated).isNotEqualTo(original);

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("spring.ssl.bundle.jks.rotating.keystore.location=file:" + keyStore,
                    "spring.ssl.bundle.jks.rotating.keystore.password=changeit",
                    "spring.ssl.bundle.jks.rotating.keystore.type=PKCS12",
                    "spring.ssl.bundle.jks.rotating.reload-on-update=true",
                    "spring.ssl.bundle.watch.file.quiet-period=100ms", "asyncoro.servers.tls.port=0",
                    "asyncoro.servers.tls.address=127.0.0.1", "asyncoro.servers.tls.ssl.enabled=true",
                    "asyncoro.servers.tls.ssl.bundle=rotating", "asyncoro.servers.tls.ssl.provider=" + provider,
                    "asyncoro.servers.tls.shutdown-grace-period=2s")
            .run()) {
            int port = context.getEnvironment().getProperty("local.asyncoro.servers.tls.port", Integer.class);
            try (AsyncSocket before = TestClients.connectTls(port)) {
                assertThat(serverCertificate(before)).isEqualTo(original);
                assertThat(echo(before, "one")).isEqualTo("one");

                Path staged = this.directory.resolve("staged.p12");
                copy("/tls/server-rotated.p12", staged);
                Files.move(staged, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    try (AsyncSocket after = TestClients.connectTls(port)) {
                        assertThat(serverCertificate(after)).isEqualTo(rotated);
                        assertThat(echo(after, "two")).isEqualTo("two");
                    }
                });
                // The connection opened before the rotation keeps its session and keeps working.
                assertThat(serverCertificate(before)).isEqualTo(original);
                assertThat(echo(before, "three")).isEqualTo("three");
            }
        }
    }

    private static String echo(AsyncSocket socket, String text) throws Exception {
        socket.sendMsg(TestClients.utf8(text));
        return TestClients.text(socket.recvMsg());
    }

    private static Certificate serverCertificate(AsyncSocket socket) throws Exception {
        return socket.tlsSession().orElseThrow().getPeerCertificates()[0];
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = SslBundleReloadTests.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Certificate certificate(String resource) throws Exception {
        try (InputStream in = SslBundleReloadTests.class.getResourceAsStream(resource)) {
            KeyStore store = SslContexts.loadKeyStore(in, resource, "PKCS12", "changeit".toCharArray());
            return store.getCertificate(store.aliases().nextElement());
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ SslAutoConfiguration.class, AsyncoroAutoConfiguration.class })
    static class App {

        @Bean
        EchoController echoController() {
            return new EchoController();
        }
    }

    @SocketController("tls")
    static class EchoController {

        @OnMessage
        byte[] echo(byte[] message) {
            return message;
        }
    }
}
