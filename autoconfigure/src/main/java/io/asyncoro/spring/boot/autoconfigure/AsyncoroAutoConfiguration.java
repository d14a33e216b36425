package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.keys.KnownPropertyNamesRuntimeHints;
import io.asyncoro.spring.boot.autoconfigure.keys.UnknownPropertiesCheck;
import io.asyncoro.spring.boot.autoconfigure.ssl.ServerTlsFactory;
import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.LocalAsyncoroCluster;
import io.asyncoro.spring.cluster.NodeIds;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.convert.JacksonPayloadConverter;
import io.asyncoro.spring.convert.PayloadConverter;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.handler.MessageHandlerInterceptor;
import io.asyncoro.spring.handler.MessageInterceptorChain;
import io.asyncoro.spring.handler.SocketControllerRegistry;
import io.asyncoro.spring.server.AsynCoroShutdown;
import io.asyncoro.spring.server.AsyncSocketServerCustomizer;
import io.asyncoro.spring.server.AsyncSocketServerFactory;
import io.asyncoro.spring.server.AsyncoroServersLifecycle;
import io.asyncoro.spring.server.ManagedAsyncoroServers;
import io.asyncoro.spring.server.Protocol;
import io.asyncoro.spring.server.ServerObserverFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration for asyncoro socket servers: an {@link AsynCoro} scheduler, the servers under
 * {@code asyncoro.servers} built by an {@link AsyncSocketServerFactory} and served by
 * {@code @SocketController} beans, started and stopped with the context.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass(AsynCoro.class)
@EnableConfigurationProperties(AsyncoroProperties.class)
@ImportRuntimeHints(KnownPropertyNamesRuntimeHints.class)
public final class AsyncoroAutoConfiguration {

    private static final Log logger = LogFactory.getLog(AsyncoroAutoConfiguration.class);

    // Static: a bean factory post-processor, checked before any bean (or server) is created.
    @Bean
    static UnknownPropertiesCheck asyncoroUnknownPropertiesCheck(Environment environment) {
        return new UnknownPropertiesCheck(environment);
    }
    /** Boot's wait for each shutdown phase, which caps every server's grace period. */
    static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    /** Boot's default for {@link #SHUTDOWN_PHASE_TIMEOUT}. */
    static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    PayloadConverters asyncoroPayloadConverters(ObjectProvider<PayloadConverter> converters) {
        return new PayloadConverters(converters.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    AsyncoroCluster asyncoroCluster(Environment environment) {
        if (environment.getProperty("asyncoro.cluster.enabled", Boolean.class, false)) {
            logger.warn("asyncoro.cluster.enabled is true, but there is no RedisConnectionFactory (add"
                    + " spring-boot-starter-data-redis): this node runs alone");
        }
        return new LocalAsyncoroCluster(environment.getProperty("asyncoro.cluster.node-id", NodeIds.generate()));
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionRegistry asyncoroConnectionRegistry(PayloadConverters converters, AsyncoroCluster cluster) {
        return new ConnectionRegistry(converters, cluster);
    }

    @Bean
    @ConditionalOnMissingBean
    SocketControllerRegistry asyncoroSocketControllerRegistry(AsyncoroProperties properties,
            PayloadConverters converters) {
        Map<String, Protocol> servers = new LinkedHashMap<>();
        properties.getServers().forEach((name, server) -> servers.put(name, server.getProtocol()));
        return new SocketControllerRegistry(servers, converters);
    }

    @Bean
    @ConditionalOnMissingBean
    ServerTlsFactory asyncoroServerTlsFactory(ObjectProvider<SslBundles> sslBundles, ResourceLoader resourceLoader) {
        return new ServerTlsFactory(sslBundles.getIfAvailable(), resourceLoader);
    }

    @Bean
    @ConditionalOnMissingBean
    AsyncSocketServerFactory asyncSocketServerFactory(AsynCoro asyncoro,
            ObjectProvider<ServerObserverFactory> observerFactories,
            ObjectProvider<AsyncSocketServerCustomizer> customizers) {
        return new AsyncSocketServerFactory(asyncoro, observerFactories.orderedStream().toList(),
                customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    ServerSettingsMapper asyncoroServerSettingsMapper(ServerTlsFactory tlsFactory, FramingFactory framingFactory) {
        return new ServerSettingsMapper(tlsFactory, framingFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    FramingFactory asyncoroFramingFactory(ListableBeanFactory beanFactory) {
        return new FramingFactory(beanFactory);
    }

    @Bean
    ManagedAsyncoroServers asyncoroServers(AsyncoroProperties properties) {
        AsyncoroPropertiesValidator.validate(properties);
        return new ManagedAsyncoroServers(properties.getServers().keySet());
    }

    @Bean
    AsyncoroServersLifecycle asyncoroServersLifecycle(AsyncoroProperties properties, ServerSettingsMapper mapper,
            ManagedAsyncoroServers servers, AsyncSocketServerFactory factory, SocketControllerRegistry controllers, ConnectionRegistry connections,
            PayloadConverters converters, ObjectProvider<MessageHandlerInterceptor> interceptors, AsynCoro asyncoro,
            Environment environment) {
        AsyncoroServersLifecycle lifecycle = new AsyncoroServersLifecycle(() -> mapper.map(properties), servers,
                factory, controllers, connections, converters,
                new MessageInterceptorChain(interceptors.orderedStream().toList()), asyncoro);
        // The lifecycle processor waits this long for the phase; a grace period past it would be cut short.
        lifecycle.setShutdownPhaseTimeout(Binder.get(environment)
            .bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class)
            .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT));
        return lifecycle;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(AsynCoro.class)
    static class AsynCoroConfiguration {

        // Not an Executor or TaskScheduler, so Boot's own executors stay; closed by AsynCoroShutdown with
        // the configured timeout rather than by an inferred close() with the default one.
        @Bean(destroyMethod = "")
        AsynCoro asyncoro() {
            return new AsynCoro("asyncoro");
        }

        @Bean
        AsynCoroShutdown asyncoroShutdown(AsynCoro asyncoro, AsyncoroProperties properties) {
            return new AsynCoroShutdown(asyncoro, properties.getScheduler().getShutdownTimeout());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    @ConditionalOnBean(JsonMapper.class)
    static class JacksonPayloadConverterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PayloadConverters asyncoroPayloadConverters(ObjectProvider<PayloadConverter> converters,
                JsonMapper jsonMapper) {
            // JSON reads almost any type, so it goes last, after the application's own converters.
            List<PayloadConverter> all = new ArrayList<>(converters.orderedStream().toList());
            all.add(new JacksonPayloadConverter(jsonMapper));
            return new PayloadConverters(all);
        }
    }
}
