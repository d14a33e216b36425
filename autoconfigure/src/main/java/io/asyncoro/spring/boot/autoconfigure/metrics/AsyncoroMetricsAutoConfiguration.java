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

/**
 * Publishes asyncoro's server and scheduler meters when Micrometer and a {@link MeterRegistry} are present.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        AsyncoroAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, AsynCoro.class })
@ConditionalOnBean(MeterRegistry.class)
public final class AsyncoroMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerServerObserverFactory asyncoroMicrometerServerObserverFactory(MeterRegistry meterRegistry) {
        return new MicrometerServerObserverFactory(meterRegistry);
    }

    @Bean
    @ConditionalOnBean(AsynCoro.class)
    @ConditionalOnMissingBean
    AsyncoroSchedulerMetrics asyncoroSchedulerMetrics(AsynCoro asyncoro) {
        return new AsyncoroSchedulerMetrics(asyncoro);
    }
}
