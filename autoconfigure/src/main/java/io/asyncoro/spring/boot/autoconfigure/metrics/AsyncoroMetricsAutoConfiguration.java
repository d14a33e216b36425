package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.client.AsyncoroClientAutoConfiguration;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.client.ClientObserverFactory;

/**
 * Publishes asyncoro's server, client and scheduler meters when Micrometer and a {@link MeterRegistry} are present.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        AsyncoroAutoConfiguration.class, AsyncoroClientAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, AsynCoro.class })
@ConditionalOnBean(MeterRegistry.class)
public final class AsyncoroMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerServerObserverFactory asyncoroMicrometerServerObserverFactory(MeterRegistry meterRegistry) {
        return new MicrometerServerObserverFactory(meterRegistry);
    }

    @Bean
    @ConditionalOnMissingBean
    ClientObserverFactory asyncoroMicrometerClientObserverFactory(MeterRegistry meterRegistry) {
        return name -> new MicrometerClientObserver(meterRegistry, name);
    }

    @Bean
    @ConditionalOnBean(AsyncoroClients.class)
    @ConditionalOnMissingBean
    AsyncoroClientMetrics asyncoroClientMetrics(AsyncoroClients clients) {
        return new AsyncoroClientMetrics(clients);
    }

    @Bean
    @ConditionalOnBean(AsynCoro.class)
    @ConditionalOnMissingBean
    AsyncoroSchedulerMetrics asyncoroSchedulerMetrics(AsynCoro asyncoro) {
        return new AsyncoroSchedulerMetrics(asyncoro);
    }
}
