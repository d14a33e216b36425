package io.asyncoro.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestAsyncoroServers;
import io.asyncoro.spring.server.AsyncoroServers;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncoroHealthContributorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(AsyncoroHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));

    @Test
    void registersTheAsyncoroIndicatorOverTheConfiguredServers() throws Exception {
        AsyncSocketServer server = EchoServers.echo("chat").build();
        server.start();
        try {
            this.runner
                .withBean(AsyncoroServers.class,
                        () -> new TestAsyncoroServers().add("chat", new AsyncoroProperties.Server(), server))
                .run(context -> {
                    assertThat(context).hasSingleBean(AsyncoroHealthIndicator.class);
                    HealthIndicator indicator = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
                        .getContributor("asyncoro");
                    assertThat(indicator).isNotNull();
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    server.stop(Duration.ofSeconds(5));
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
                });
        }
        finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void canBeTurnedOff() {
        this.runner.withBean(AsyncoroServers.class, TestAsyncoroServers::new)
            .withPropertyValues("management.health.asyncoro.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(AsyncoroHealthIndicator.class));
    }

    @Test
    void backsOffWithoutServers() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(AsyncoroHealthIndicator.class));
    }

    @Test
    void backsOffWithoutBootHealth() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncoroHealthContributorAutoConfiguration.class))
            .withBean(AsyncoroServers.class, TestAsyncoroServers::new)
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AsyncoroHealthIndicator.class));
    }

    @Test
    void backsOffFromAUserIndicatorOfTheSameName() {
        HealthIndicator custom = () -> org.springframework.boot.health.contributor.Health.outOfService().build();
        this.runner.withBean(AsyncoroServers.class, TestAsyncoroServers::new)
            .withBean("asyncoroHealthIndicator", HealthIndicator.class, () -> custom)
            .run(context -> assertThat(context).doesNotHaveBean(AsyncoroHealthIndicator.class)
                .getBean("asyncoroHealthIndicator")
                .isSameAs(custom));
    }
}
