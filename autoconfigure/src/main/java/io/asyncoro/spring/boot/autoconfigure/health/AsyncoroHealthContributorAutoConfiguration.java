package io.asyncoro.spring.boot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.client.AsyncoroClientAutoConfiguration;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * The {@code asyncoro} health indicator, when Spring Boot's health support is present and servers are configured.
 * {@code management.health.asyncoro.enabled=false} turns it off.
 */
@AutoConfiguration(before = HealthContributorAutoConfiguration.class,
        after = { AsyncoroAutoConfiguration.class, AsyncoroClientAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class AsyncoroHealthContributorAutoConfiguration {

    /**
     * One indicator per client under {@code asyncoroClients} (can it connect), when clients are configured.
     * {@code management.health.asyncoro-clients.enabled=false} turns them off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("asyncoro-clients")
    @ConditionalOnBean(AsyncoroClients.class)
    static final class AsyncoroClientsHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "asyncoroClientsHealthContributor")
        CompositeHealthContributor asyncoroClientsHealthContributor(AsyncoroClients clients) {
            Map<String, AsyncoroClientHealthIndicator> indicators = new LinkedHashMap<>();
            clients.names().forEach(name -> indicators.put(name, new AsyncoroClientHealthIndicator(clients.get(name))));
            return CompositeHealthContributor.fromMap(indicators);
        }
    }

    /** Nested so that its health condition is only loaded once the class check above has passed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("asyncoro")
    @ConditionalOnBean(AsyncoroServers.class)
    static final class AsyncoroHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "asyncoroHealthIndicator")
        AsyncoroHealthIndicator asyncoroHealthIndicator(AsyncoroServers asyncoroServers,
                ObjectProvider<AsyncoroProperties> properties) {
            return new AsyncoroHealthIndicator(asyncoroServers, properties.getIfAvailable(AsyncoroProperties::new));
        }
    }

    /**
     * {@code asyncoroCluster}, when the cluster is enabled; {@code management.health.asyncoro-cluster.enabled=false}
     * turns it off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("asyncoro-cluster")
    @ConditionalOnProperty(prefix = "asyncoro.cluster", name = "enabled", havingValue = "true")
    @ConditionalOnBean(AsyncoroCluster.class)
    static final class AsyncoroClusterHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "asyncoroClusterHealthIndicator")
        AsyncoroClusterHealthIndicator asyncoroClusterHealthIndicator(AsyncoroCluster asyncoroCluster) {
            return new AsyncoroClusterHealthIndicator(asyncoroCluster);
        }
    }
}
