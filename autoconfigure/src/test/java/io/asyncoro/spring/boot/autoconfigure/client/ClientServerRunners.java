package io.asyncoro.spring.boot.autoconfigure.client;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.health.AsyncoroHealthContributorAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.metrics.AsyncoroClientMeterNames;
import io.asyncoro.spring.boot.autoconfigure.metrics.AsyncoroMetricsAutoConfiguration;
import io.asyncoro.spring.client.AsyncoroClient;
import io.asyncoro.spring.client.AsyncoroClientTemplate;

/** Application contexts for client tests: one serving, one calling, as two applications would. */
final class ClientServerRunners {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClientServerRunners() {
    }

    /** A server application: server {@code upper} on loopback, port 0, answering in upper case. */
    static ApplicationContextRunner upperServer() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, AsyncoroAutoConfiguration.class))
            .withBean(UpperController.class)
            .withPropertyValues("asyncoro.servers.upper.port=0", "asyncoro.servers.upper.address=127.0.0.1",
                    "asyncoro.servers.upper.shutdown-grace-period=1s");
    }

    /** A client application with metrics and health, whose {@link Caller} injects client {@code upper}. */
    static ApplicationContextRunner caller() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, AsyncoroAutoConfiguration.class,
                    AsyncoroClientAutoConfiguration.class, AsyncoroMetricsAutoConfiguration.class,
                    AsyncoroHealthContributorAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Caller.class);
    }

    /** {@link #upperServer()} over TLS from the {@code served} bundle, the key store {@code tls/<keyStore>.p12}. */
    static ApplicationContextRunner tlsServer(String keyStore) {
        return upperServer()
            .withPropertyValues("spring.ssl.bundle.jks.served.keystore.location=classpath:tls/" + keyStore + ".p12",
                    "spring.ssl.bundle.jks.served.keystore.password=changeit",
                    "spring.ssl.bundle.jks.served.keystore.type=PKCS12", "asyncoro.servers.upper.ssl.enabled=true",
                    "asyncoro.servers.upper.ssl.bundle=served");
    }

    /** {@link #caller()} of {@code server}'s {@code upper} over TLS, trusting the test CA (bundle {@code trusted}). */
    static ApplicationContextRunner tlsCaller(ConfigurableApplicationContext server) {
        return caller()
            .withPropertyValues("spring.ssl.bundle.jks.trusted.truststore.location=classpath:tls/truststore.p12",
                    "spring.ssl.bundle.jks.trusted.truststore.password=changeit",
                    "spring.ssl.bundle.jks.trusted.truststore.type=PKCS12",
                    // The name the certificate must carry: server.p12 names localhost, wronghost.p12 does not.
                    "asyncoro.clients.upper.host=localhost", "asyncoro.clients.upper.port=" + port(server, "upper"),
                    "asyncoro.clients.upper.ssl.bundle=trusted", "asyncoro.clients.upper.reconnect.initial-backoff=10ms",
                    "asyncoro.clients.upper.reconnect.max-backoff=10ms");
    }

    static int port(ApplicationContext context, String server) {
        return context.getEnvironment().getProperty("local.asyncoro.servers." + server + ".port", Integer.class);
    }

    static double count(ApplicationContext context, String meter) {
        var counter = context.getBean(MeterRegistry.class).find(meter).tag(AsyncoroClientMeterNames.TAG_CLIENT, "upper")
            .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Upper-cases every message, so that a reply has the request's length (fixed-length framing). */
    @SocketController("upper")
    static class UpperController {

        @OnMessage
        String upper(String message) {
            return message.toUpperCase(Locale.ROOT);
        }
    }

    /** An application bean using client {@code upper} as the guide shows. */
    static class Caller {

        final AsyncoroClientTemplate upper;

        Caller(@AsyncoroClient("upper") AsyncoroClientTemplate upper) {
            this.upper = upper;
        }
    }
}
