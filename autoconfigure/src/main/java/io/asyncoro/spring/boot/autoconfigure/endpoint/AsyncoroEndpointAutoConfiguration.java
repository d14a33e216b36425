package io.asyncoro.spring.boot.autoconfigure.endpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.client.AsyncoroClientAutoConfiguration;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * The {@code asyncoro} actuator endpoint, when actuator is present, servers are configured and the endpoint is
 * available (exposed, for example with {@code management.endpoints.web.exposure.include=asyncoro}).
 */
@AutoConfiguration(after = { AsyncoroAutoConfiguration.class, AsyncoroClientAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(AsyncoroServers.class)
public final class AsyncoroEndpointAutoConfiguration {

    /** Nested so that actuator's endpoint condition is only loaded once the class check above has passed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(AsyncoroEndpoint.class)
    static final class AsyncoroEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AsyncoroEndpoint asyncoroEndpoint(AsyncoroServers asyncoroServers,
                ObjectProvider<AsyncoroProperties> properties, ObjectProvider<AsynCoro> asyncoro,
                ObjectProvider<AsyncoroClients> clients, ObjectProvider<ConnectionRegistry> connections) {
            return new AsyncoroEndpoint(asyncoroServers, properties.getIfAvailable(AsyncoroProperties::new),
                    asyncoro.getIfAvailable(), clients.getIfAvailable(), connections.getIfAvailable());
        }
    }
}
