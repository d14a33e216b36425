package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.boot.autoconfigure.ServerTlsActivationTests.EchoConfiguration;
import io.asyncoro.spring.server.AdmissionSettings;
import io.asyncoro.spring.server.AsyncSocketServerFactory;

/**
 * {@code allow}, {@code deny}, {@code max-connections-per-address} and the read/write idle timeouts: checked
 * at startup (a bad CIDR names its property and index) and carried to {@link AsyncSocketServerFactory}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdmissionPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withUserConfiguration(EchoConfiguration.class)
        .withPropertyValues("asyncoro.servers.echo.address=127.0.0.1", "asyncoro.servers.echo.port=0");

    @Test
    void theSettingsReachTheServerFactory() {
        this.runner.withUserConfiguration(RecordingFactoryConfiguration.class)
            .withPropertyValues("asyncoro.servers.echo.allow=10.0.0.0/8,127.0.0.1,::1/128,fd00::/8",
                    "asyncoro.servers.echo.deny=10.6.6.0/24", "asyncoro.servers.echo.max-connections-per-address=4",
                    "asyncoro.servers.echo.read-idle-timeout=2m", "asyncoro.servers.echo.write-idle-timeout=15s")
            .run(context -> {
                assertThat(context).hasNotFailed();
                AdmissionSettings admission = RecordingFactory.seen.get("echo");
                assertThat(admission.allow()).containsExactly("10.0.0.0/8", "127.0.0.1", "::1/128", "fd00::/8");
                assertThat(admission.deny()).containsExactly("10.6.6.0/24");
                assertThat(admission.maxConnectionsPerAddress()).isEqualTo(4);
                assertThat(admission.readIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
                assertThat(admission.writeIdleTimeout()).isEqualTo(Duration.ofSeconds(15));
                int port = context.getEnvironment().getRequiredProperty("local.asyncoro.servers.echo.port",
                        Integer.class);
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("served"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("served");
                }
            });
    }

    @Test
    void byDefaultNothingIsRestricted() {
        this.runner.withUserConfiguration(RecordingFactoryConfiguration.class)
            .run(context -> assertThat(RecordingFactory.seen.get("echo")).isEqualTo(AdmissionSettings.NONE));
    }

    @Test
    void aDeniedPeerIsClosedBeforeItsHandlerRuns() {
        this.runner.withPropertyValues("asyncoro.servers.echo.deny=127.0.0.0/8").run(context -> {
            assertThat(context).hasNotFailed();
            try (AsyncSocket client = TestClients.connect(port(context))) {
                client.setTimeout(Duration.ofSeconds(10));
                client.sendMsg(TestClients.utf8("let me in"));
                assertThat(endOfStreamOrReset(client)).isTrue();
            }
        });
    }

    @Test
    void aSecondConnectionFromOneAddressIsRefusedUntilTheFirstCloses() {
        this.runner.withPropertyValues("asyncoro.servers.echo.max-connections-per-address=1").run(context -> {
            int port = port(context);
            try (AsyncSocket first = TestClients.connect(port)) {
                first.setTimeout(Duration.ofSeconds(10));
                first.sendMsg(TestClients.utf8("one"));
                assertThat(TestClients.text(first.recvMsg())).isEqualTo("one");
                try (AsyncSocket second = TestClients.connect(port)) {
                    second.setTimeout(Duration.ofSeconds(10));
                    second.sendMsg(TestClients.utf8("two"));
                    assertThat(endOfStreamOrReset(second)).isTrue();
                }
            }
            // The first connection's slot is released when it closes: the next one is served.
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (AsyncSocket third = TestClients.connect(port)) {
                    third.setTimeout(Duration.ofSeconds(2));
                    third.sendMsg(TestClients.utf8("three"));
                    assertThat(TestClients.text(third.recvMsg())).isEqualTo("three");
                }
            });
        });
    }

    private static int port(org.springframework.context.ApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.asyncoro.servers.echo.port", Integer.class);
    }

    /** Whether the server ended the connection instead of answering: end of stream, or a reset. */
    private static boolean endOfStreamOrReset(AsyncSocket client) {
        try {
            return client.recvMsg() == null;
        }
        catch (java.io.IOException ex) {
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            asyncoro.servers.echo.allow=10.0.0.0/8,10.0.0.0/33   | asyncoro.servers.echo.allow[1]
            asyncoro.servers.echo.allow=not-an-address          | asyncoro.servers.echo.allow[0]
            asyncoro.servers.echo.deny=300.1.1.1                | asyncoro.servers.echo.deny[0]
            asyncoro.servers.echo.deny=::1/128,fd00::/129       | asyncoro.servers.echo.deny[1]
            asyncoro.servers.echo.deny=10.0.0.0/                | asyncoro.servers.echo.deny[0]
            asyncoro.servers.echo.max-connections-per-address=-1 | asyncoro.servers.echo.max-connections-per-address
            asyncoro.servers.echo.read-idle-timeout=-1s         | asyncoro.servers.echo.read-idle-timeout
            asyncoro.servers.echo.write-idle-timeout=-1s        | asyncoro.servers.echo.write-idle-timeout
            """)
    void invalidSettingsFailStartupNamingTheProperty(String setting, String property) {
        this.runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("for property " + property + ".");
            assertThat(analysis.getAction()).contains("Update " + property);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingFactoryConfiguration {

        @Bean
        AsyncSocketServerFactory recordingFactory(AsynCoro asyncoro) {
            return new RecordingFactory(asyncoro);
        }
    }

    /** The factory, recording what reaches its admission seam before applying it. */
    static class RecordingFactory extends AsyncSocketServerFactory {

        static final Map<String, AdmissionSettings> seen = new ConcurrentHashMap<>();

        RecordingFactory(AsynCoro asyncoro) {
            super(asyncoro, List.of(), List.of());
        }

        @Override
        protected void applyAdmission(String serverName, AdmissionSettings admission,
                AsyncSocketServer.Builder builder) {
            seen.put(serverName, admission);
            super.applyAdmission(serverName, admission, builder);
        }
    }
}
