package io.asyncoro.spring.boot.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestAsyncoroServers;
import io.asyncoro.spring.server.AsyncoroServers;

class AsyncoroEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroEndpointAutoConfiguration.class))
        .withBean(AsyncoroServers.class,
                () -> new TestAsyncoroServers().configure("chat", new AsyncoroProperties.Server()));

    @Test
    void providesTheEndpointWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=asyncoro")
            .withBean(AsynCoro.class, () -> new AsynCoro("endpoint-context"))
            .run(context -> {
                assertThat(context).hasSingleBean(AsyncoroEndpoint.class);
                AsyncoroEndpoint.AsyncoroDescriptor descriptor = context.getBean(AsyncoroEndpoint.class).asyncoro();
                assertThat(descriptor.servers()).containsOnlyKeys("chat");
                assertThat(descriptor.scheduler().name()).isEqualTo("endpoint-context");
            });
    }

    @Test
    void worksWithoutAScheduler() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=asyncoro")
            .run(context -> assertThat(context.getBean(AsyncoroEndpoint.class).asyncoro().scheduler()).isNull());
    }

    @Test
    void absentWhenNotExposed() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(AsyncoroEndpoint.class));
    }

    @Test
    void absentWhenDisabled() {
        this.runner
            .withPropertyValues("management.endpoints.web.exposure.include=asyncoro",
                    "management.endpoint.asyncoro.access=NONE")
            .run(context -> assertThat(context).doesNotHaveBean(AsyncoroEndpoint.class));
    }

    @Test
    void backsOffWithoutActuator() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=asyncoro")
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AsyncoroEndpoint.class));
    }
}
