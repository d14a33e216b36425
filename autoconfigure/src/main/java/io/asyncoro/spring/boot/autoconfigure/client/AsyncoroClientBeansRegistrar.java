package io.asyncoro.spring.boot.autoconfigure.client;

import java.util.Map;

import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import io.asyncoro.spring.client.AsyncoroClient;
import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.asyncoro.spring.client.AsyncoroClients;

/**
 * Registers one {@link AsyncoroClientTemplate} bean per {@code asyncoro.clients.<name>}, named
 * {@code <name>AsyncoroClient} and qualified by {@code @AsyncoroClient("<name>")}. Bean definitions must exist
 * before any bean is created, so the names are read from the environment here; the templates themselves come
 * from the {@link AsyncoroClients} bean, built from the bound and checked properties.
 */
class AsyncoroClientBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, AsyncoroClientProperties.Client> clients = Binder.get(this.environment)
            .bind("asyncoro.clients", Bindable.mapOf(String.class, AsyncoroClientProperties.Client.class))
            .orElse(Map.of());
        for (String name : clients.keySet()) {
            String beanName = name + "AsyncoroClient";
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            // A factory method rather than an instance supplier, so that AOT processing can generate the bean.
            RootBeanDefinition definition = new RootBeanDefinition(AsyncoroClientTemplate.class);
            definition.setFactoryBeanName(AsyncoroClientAutoConfiguration.CLIENTS_BEAN_NAME);
            definition.setUniqueFactoryMethodName("get");
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
            definition.addQualifier(new AutowireCandidateQualifier(AsyncoroClient.class, name));
            // AsyncoroClients closes the templates; one close is enough.
            definition.setDestroyMethodName("");
            registry.registerBeanDefinition(beanName, definition);
        }
    }
}
