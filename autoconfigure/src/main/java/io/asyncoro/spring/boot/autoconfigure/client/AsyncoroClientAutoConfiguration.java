package io.asyncoro.spring.boot.autoconfigure.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

import io.asyncoro.AsynCoro;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.FramingFactory;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.client.ClientObserverFactory;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * Socket clients under {@code asyncoro.clients}: an {@link AsyncoroClients} bean holding them all and one
 * {@code AsyncoroClientTemplate} bean per client, injected with {@code @AsyncoroClient("<name>")}.
 */
@AutoConfiguration(after = AsyncoroAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(AsynCoro.class)
@EnableConfigurationProperties(AsyncoroClientProperties.class)
@Import(AsyncoroClientBeansRegistrar.class)
public final class AsyncoroClientAutoConfiguration {

    /** The name of the {@link AsyncoroClients} bean, whose {@code get(name)} makes each client's bean. */
    static final String CLIENTS_BEAN_NAME = "asyncoroClients";

    @Bean
    @ConditionalOnMissingBean
    ClientSettingsMapper asyncoroClientSettingsMapper(FramingFactory framingFactory,
            ObjectProvider<SslBundles> sslBundles) {
        return new ClientSettingsMapper(framingFactory, sslBundles.getIfAvailable());
    }

    @Bean(CLIENTS_BEAN_NAME)
    @ConditionalOnMissingBean
    @Conditional(OnClientsConfiguredCondition.class)
    AsyncoroClients asyncoroClients(AsyncoroClientProperties properties, ClientSettingsMapper mapper,
            PayloadConverters converters, ObjectProvider<ClientObserverFactory> observerFactories) {
        return new AsyncoroClients(mapper.map(properties), converters, observerFactories.orderedStream().toList());
    }
}
