package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.spring.boot.autoconfigure.ServerTlsActivationTests.EchoConfiguration;

/** TLS settings that would weaken a server stop startup with a failure analysis naming what to change. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerTlsRefusalTests {

    private static final String BUNDLE = "spring.ssl.bundle.jks.echo-tls.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(EchoConfiguration.class)
        .withPropertyValues("asyncoro.servers.echo.address=127.0.0.1", "asyncoro.servers.echo.port=0");

    @ParameterizedTest
    @ValueSource(strings = { "need", "want" })
    void clientAuthWithoutATrustStoreIsRefused(String clientAuth) {
        FailureAnalysis analysis = analyze(this.runner.withPropertyValues(
                "asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.echo.ssl.key-store-password=changeit",
                "asyncoro.servers.echo.ssl.client-auth=" + clientAuth));
        assertThat(analysis.getDescription()).contains("asyncoro.servers.echo.ssl.client-auth");
        assertThat(analysis.getAction()).contains("asyncoro.servers.echo.ssl.trust-store");
    }

    @Test
    void clientAuthWithABundleWithoutATrustStoreIsRefused() {
        FailureAnalysis analysis = analyze(this.runner.withPropertyValues(
                BUNDLE + "keystore.location=classpath:tls/server.p12", BUNDLE + "keystore.password=changeit",
                "asyncoro.servers.echo.ssl.bundle=echo-tls", "asyncoro.servers.echo.ssl.client-auth=need"));
        assertThat(analysis.getDescription()).contains("asyncoro.servers.echo.ssl.client-auth");
        assertThat(analysis.getAction()).contains("a bundle with a truststore");
    }

    @Test
    void clientAuthWithATrustStoreStarts() {
        this.runner.withPropertyValues(BUNDLE + "keystore.location=classpath:tls/server.p12",
                BUNDLE + "keystore.password=changeit", BUNDLE + "truststore.location=classpath:tls/truststore.p12",
                BUNDLE + "truststore.password=changeit", "asyncoro.servers.echo.ssl.bundle=echo-tls",
                "asyncoro.servers.echo.ssl.client-auth=need")
            .run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = { "TLSv1", "TLSv1.1", "TLSv1.3,TLSv1.1" })
    void aBundleEnablingTlsBelow12IsRefused(String protocols) {
        FailureAnalysis analysis = analyze(this.runner.withPropertyValues(
                BUNDLE + "keystore.location=classpath:tls/server.p12", BUNDLE + "keystore.password=changeit",
                BUNDLE + "options.enabled-protocols=" + protocols, "asyncoro.servers.echo.ssl.bundle=echo-tls"));
        assertThat(analysis.getDescription()).contains("echo-tls.options.enabled-protocols");
        assertThat(analysis.getAction()).contains("TLSv1.3, TLSv1.2");
    }

    @Test
    void aWrongBundlePasswordGetsTheSameAnalysisAsAnInlineKeyStore() {
        FailureAnalysis bundle = analyze(this.runner.withPropertyValues(
                BUNDLE + "keystore.location=classpath:tls/server.p12", BUNDLE + "keystore.password=wrong",
                "asyncoro.servers.echo.ssl.bundle=echo-tls"));
        FailureAnalysis inline = analyze(this.runner.withPropertyValues(
                "asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.echo.ssl.key-store-password=wrong"));
        assertThat(bundle.getDescription()).contains("SSL bundle 'echo-tls'")
            .contains("asyncoro.servers.echo.ssl.bundle").contains("cannot be read").doesNotContain("wrong");
        assertThat(inline.getDescription()).contains("classpath:tls/server.p12").contains("cannot be read");
        assertThat(bundle.getAction()).startsWith("Check that asyncoro.servers.echo.ssl.bundle points at a readable");
        assertThat(inline.getAction()).startsWith("Check that asyncoro.servers.echo.ssl.key-store points at a readable");
    }

    private static FailureAnalysis analyze(ApplicationContextRunner runner) {
        return FailureAnalysisSupport.analyzeFailedStartup(runner);
    }
}
