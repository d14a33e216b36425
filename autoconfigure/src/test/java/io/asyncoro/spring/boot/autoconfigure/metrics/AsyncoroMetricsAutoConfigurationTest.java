package io.asyncoro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.server.ServerObserverFactory;

import io.micrometer.core.instrument.MeterRegistry;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncoroMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                AsyncoroMetricsAutoConfiguration.class));

    @Test
    void bindsServersAndSchedulerToTheMeterRegistry() {
        this.runner.withUserConfiguration(SchedulerConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(MicrometerServerObserverFactory.class)
                .hasSingleBean(AsyncoroSchedulerMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_STARTED).functionCounter()).isNotNull();

            ServerObserverFactory factory = context.getBean(ServerObserverFactory.class);
            AsyncSocketServer server = EchoServers.echo("chat")
                .asyncoro(context.getBean(AsynCoro.class))
                .observer(factory.observerFor("chat"))
                .build();
            server.start();
            try (AsyncSocket client = EchoServers.connect(server)) {
                client.setTimeout(Duration.ofSeconds(10));
                client.sendMsg(new byte[] { 1, 2, 3 });
                assertThat(client.recvMsg()).containsExactly(1, 2, 3);
            }
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                        registry.get(AsyncoroMeterNames.BYTES_RECEIVED).tag("server", "chat").functionCounter().count())
                    .isEqualTo(7.0));
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_STARTED).functionCounter().count())
                .isGreaterThanOrEqualTo(2.0);
            server.stop(Duration.ofSeconds(5));
            assertThat(registry.find(AsyncoroMeterNames.BYTES_RECEIVED).meters()).isEmpty();
        });
    }

    @Test
    void metersCanBeDeniedWithBootsEnableProperty() {
        this.runner.withUserConfiguration(SchedulerConfiguration.class)
            .withPropertyValues("management.metrics.enable.asyncoro=false")
            .run(context -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                AsyncSocketServer server = EchoServers.echo("denied")
                    .asyncoro(context.getBean(AsynCoro.class))
                    .observer(context.getBean(ServerObserverFactory.class).observerFor("denied"))
                    .build();
                server.start();
                try (AsyncSocket client = EchoServers.connect(server)) {
                    client.setTimeout(Duration.ofSeconds(10));
                    client.sendMsg(new byte[] { 9 });
                    assertThat(client.recvMsg()).containsExactly(9);
                }
                finally {
                    server.stop(Duration.ofSeconds(5));
                }
                assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("asyncoro."));
            });
    }

    @Test
    void noSchedulerMetricsWithoutAScheduler() {
        this.runner.run(context -> assertThat(context).hasSingleBean(MicrometerServerObserverFactory.class)
            .doesNotHaveBean(AsyncoroSchedulerMetrics.class));
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncoroMetricsAutoConfiguration.class))
            .withUserConfiguration(SchedulerConfiguration.class)
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ServerObserverFactory.class)
                .doesNotHaveBean(AsyncoroSchedulerMetrics.class));
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.runner.withUserConfiguration(SchedulerConfiguration.class)
            .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ServerObserverFactory.class)
                .doesNotHaveBean(AsyncoroSchedulerMetrics.class));
    }

    @Test
    void backsOffFromAUserFactory() {
        this.runner.withBean("custom", MicrometerServerObserverFactory.class,
                () -> new MicrometerServerObserverFactory(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
            .run(context -> assertThat(context).hasSingleBean(MicrometerServerObserverFactory.class)
                .hasBean("custom"));
    }

    @Configuration(proxyBeanMethods = false)
    static class SchedulerConfiguration {

        @Bean(destroyMethod = "close")
        AsynCoro asyncoro() {
            return new AsynCoro("context-test");
        }
    }
}
