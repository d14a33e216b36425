package io.asyncoro.spring.boot.autoconfigure.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.NodeIds;
import io.asyncoro.spring.cluster.redis.RedisAsyncoroCluster;
import io.asyncoro.spring.cluster.redis.RedisClusterSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

/**
 * The cluster bus on Redis when {@code asyncoro.cluster.enabled=true} and Spring Data Redis is on the class path,
 * on Boot's own {@link RedisConnectionFactory} (so {@code spring.data.redis.*}, SSL bundles included, configures
 * it). Otherwise {@link AsyncoroAutoConfiguration} gives the node a bus of its own.
 */
@AutoConfiguration(before = AsyncoroAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(AsyncoroClusterProperties.class)
public final class AsyncoroClusterAutoConfiguration {

    /** Nested so that the Redis classes are only loaded once the class check has passed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RedisConnectionFactory.class, RedisAsyncoroCluster.class })
    @ConditionalOnProperty(prefix = "asyncoro.cluster", name = "enabled", havingValue = "true")
    static final class RedisClusterConfiguration {

        @Bean
        @ConditionalOnMissingBean(AsyncoroCluster.class)
        @ConditionalOnBean(RedisConnectionFactory.class)
        RedisAsyncoroCluster asyncoroCluster(RedisConnectionFactory redisConnectionFactory,
                AsyncoroClusterProperties properties) {
            return new RedisAsyncoroCluster(redisConnectionFactory, settings(properties));
        }

        static RedisClusterSettings settings(AsyncoroClusterProperties properties) {
            String nodeId = (properties.getNodeId() != null && !properties.getNodeId().isBlank())
                    ? properties.getNodeId() : NodeIds.generate();
            return new RedisClusterSettings(properties.getName(), nodeId, properties.getHeartbeatInterval(),
                    properties.getNodeTimeout(), properties.getStreamMaxLength(), properties.getPublishQueueCapacity());
        }
    }

    /**
     * Lettuce, as the bus needs it: commands fail at once while the connection is down (rather than queue until
     * Lettuce's timeout, a minute by default), and a lost connection is retried at least every second (rather
     * than backing off to 30 s), so a node rejoins within about a second of Redis coming back.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
    @ConditionalOnProperty(prefix = "asyncoro.cluster", name = "enabled", havingValue = "true")
    static final class LettuceForClusterConfiguration {

        @Bean
        LettuceClientOptionsBuilderCustomizer asyncoroClusterLettuceClientOptions() {
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        ClientResourcesBuilderCustomizer asyncoroClusterLettuceReconnectDelay() {
            return resources -> resources.reconnectDelay(
                    Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
        }
    }
}
