package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Observes each handled message with Micrometer's Observation API when {@code asyncoro.observations.enabled} is
 * {@code true} and an {@link ObservationRegistry} is present. Off by default.
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty("asyncoro.observations.enabled")
@EnableConfigurationProperties(AsyncoroObservationProperties.class)
public final class AsyncoroObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationMessageHandlerInterceptor asyncoroObservationMessageHandlerInterceptor(
            ObservationRegistry observationRegistry,
            ObjectProvider<MessageHandlingObservationConvention> convention) {
        return new ObservationMessageHandlerInterceptor(observationRegistry, convention.getIfAvailable());
    }
}
