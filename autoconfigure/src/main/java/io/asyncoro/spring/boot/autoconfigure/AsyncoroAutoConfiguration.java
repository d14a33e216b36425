package io.asyncoro.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.boot.autoconfigure.annotation.MessageInterceptorChain;
import io.asyncoro.spring.boot.autoconfigure.annotation.SocketControllerRegistry;
import io.asyncoro.spring.boot.autoconfigure.connection.ConnectionRegistry;
import io.asyncoro.spring.boot.autoconfigure.convert.JacksonPayloadConverter;
import io.asyncoro.spring.boot.autoconfigure.convert.PayloadConverter;
import io.asyncoro.spring.boot.autoconfigure.convert.PayloadConverters;
import io.asyncoro.spring.boot.autoconfigure.ssl.ServerTlsFactory;
import io.asyncoro.spring.boot.autoconfigure.test.LocalAsyncoroServerPortInjector;
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
public final class AsyncoroAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadConverters asyncoroPayloadConverters(ObjectProvider<PayloadConverter> converters) {
        return new PayloadConverters(converters.orderedStream().toList());
    }

    @Bean
    static LocalAsyncoroServerPortInjector localAsyncoroServerPortInjector() {
        return new LocalAsyncoroServerPortInjector();
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionRegistry asyncoroConnectionRegistry(PayloadConverters converters) {
        return new ConnectionRegistry(converters);
    }

    @Bean
    @ConditionalOnMissingBean
    SocketControllerRegistry asyncoroSocketControllerRegistry(AsyncoroProperties properties,
            PayloadConverters converters) {
        return new SocketControllerRegistry(properties, converters);
    }

    @Bean
    @ConditionalOnMissingBean
    ServerTlsFactory asyncoroServerTlsFactory(ObjectProvider<SslBundles> sslBundles, ResourceLoader resourceLoader) {
        return new ServerTlsFactory(sslBundles.getIfAvailable(), resourceLoader);
    }

    @Bean
    @ConditionalOnMissingBean
    AsyncSocketServerFactory asyncSocketServerFactory(AsynCoro asyncoro, ServerTlsFactory tlsFactory,
            ObjectProvider<ServerObserverFactory> observerFactories,
            ObjectProvider<AsyncSocketServerCustomizer> customizers) {
        return new AsyncSocketServerFactory(asyncoro, tlsFactory, observerFactories.orderedStream().toList(),
                customizers.orderedStream().toList());
    }

    @Bean
    ManagedAsyncoroServers asyncoroServers(AsyncoroProperties properties) {
        AsyncoroPropertiesValidator.validate(properties);
        return new ManagedAsyncoroServers(properties);
    }

    @Bean
    AsyncoroServersLifecycle asyncoroServersLifecycle(AsyncoroProperties properties, ManagedAsyncoroServers servers,
            AsyncSocketServerFactory factory, SocketControllerRegistry controllers, ConnectionRegistry connections,
            PayloadConverters converters, ObjectProvider<MessageHandlerInterceptor> interceptors, AsynCoro asyncoro) {
        return new AsyncoroServersLifecycle(properties, servers, factory, controllers, connections, converters,
                new MessageInterceptorChain(interceptors.orderedStream().toList()), asyncoro);
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
