package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsProvider;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.server.AsyncoroServers;
import io.netty.handler.ssl.OpenSsl;

/**
 * {@code asyncoro.servers.<name>.ssl.provider=openssl}: a bundle or an inline key store served by OpenSSL to a
 * real JDK client, and, without Netty, a startup failure that names the property and the artifacts to add.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslProviderTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(ServerTlsActivationTests.EchoConfiguration.class)
        .withPropertyValues("asyncoro.servers.echo.address=127.0.0.1", "asyncoro.servers.echo.port=0",
                "asyncoro.servers.echo.ssl.provider=openssl",
                "spring.ssl.bundle.jks.echo-tls.keystore.location=classpath:tls/server.p12",
                "spring.ssl.bundle.jks.echo-tls.keystore.password=changeit");

    private static void requireOpenSsl() {
        Assumptions.assumeTrue(OpenSsl.isAvailable(),
                () -> "netty-tcnative's OpenSSL is not available here: " + OpenSsl.unavailabilityCause());
    }

    @Test
    void aBundleIsServedByOpenSsl() {
        requireOpenSsl();
        this.runner.withPropertyValues("asyncoro.servers.echo.ssl.bundle=echo-tls").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(provider(context.getBean(AsyncoroServers.class))).isEqualTo(TlsProvider.OPENSSL);
            try (AsyncSocket client = TestClients.connectTls(ServerTlsActivationTests.port(context.getEnvironment()))) {
                client.sendMsg(TestClients.utf8("over openssl"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("over openssl");
            }
        });
    }

    @Test
    void anInlineKeyStoreIsServedByOpenSsl() {
        requireOpenSsl();
        this.runner.withPropertyValues("asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.echo.ssl.key-store-password=changeit").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(provider(context.getBean(AsyncoroServers.class))).isEqualTo(TlsProvider.OPENSSL);
            try (AsyncSocket client = TestClients.connectTls(ServerTlsActivationTests.port(context.getEnvironment()))) {
                client.sendMsg(TestClients.utf8("inline"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("inline");
            }
        });
    }

    @Test
    void withoutNettyStartupFailsNamingThePropertyAndTheArtifacts() {
        FailureAnalysis analysis = FailureAnalysisSupport.analyzeFailedStartup(this.runner
            .withClassLoader(new FilteredClassLoader("io.netty"))
            .withPropertyValues("asyncoro.servers.echo.ssl.bundle=echo-tls"));
        assertThat(analysis.getDescription()).contains("asyncoro.servers.echo.ssl.provider=openssl")
            .contains("io.netty.handler.ssl.OpenSsl");
        assertThat(analysis.getAction()).contains("io.netty:netty-tcnative-boringssl-static")
            .contains("io.netty:netty-handler").contains("asyncoro.servers.echo.ssl.provider=jdk");
    }

    @Test
    void aBlockingServerRefusesOpenSslNamingTheProperty() {
        FailureAnalysis analysis = FailureAnalysisSupport.analyzeFailedStartup(this.runner
            .withPropertyValues("asyncoro.servers.echo.ssl.bundle=echo-tls", "asyncoro.servers.echo.blocking=true"));
        assertThat(analysis.getDescription()).contains("asyncoro.servers.echo.ssl.provider");
        assertThat(analysis.getAction()).contains("jdk");
    }

    private static TlsProvider provider(AsyncoroServers servers) {
        return ((AsyncSocketServer) servers.find("echo").orElseThrow()).tls().provider();
    }
}
