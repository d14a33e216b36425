package io.asyncoro.spring.boot.autoconfigure.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnknownAsyncoroProperty;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnknownAsyncoroPropertyException;

/**
 * Stops startup when a property under {@code asyncoro.*} binds to nothing: {@code asyncoro.servers.kv.prot}
 * would otherwise be ignored, and the server would listen on a port nobody chose. Runs before any bean is
 * created, so a typo is reported before the faults it would cause.
 */
public final class UnknownPropertiesCheck implements BeanFactoryPostProcessor, PriorityOrdered {

    /** The prefix checked. */
    public static final String PREFIX = "asyncoro";

    private final Environment environment;

    /** A check of the properties of {@code environment}. */
    public UnknownPropertiesCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(KnownPropertyNames.load(beanFactory.getBeanClassLoader(), PREFIX));
    }

    /**
     * Checks every property under {@value #PREFIX} against {@code known}; does nothing when {@code known} is
     * empty.
     *
     * @throws UnknownAsyncoroPropertyException naming each unknown property
     */
    public void check(KnownPropertyNames known) {
        if (known.isEmpty()) {
            // Without metadata every key would look unknown: a repackaging that drops the files must not stop
            // every application, so the check stands down.
            return;
        }
        ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX);
        Map<ConfigurationPropertyName, UnknownAsyncoroProperty> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariable = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream()
                .filter(root::isAncestorOf)
                .filter((name) -> !unknown.containsKey(name) && !known.contains(name, environmentVariable))
                .forEach((name) -> unknown.put(name, describe(source, name, known)));
        }
        if (!unknown.isEmpty()) {
            throw new UnknownAsyncoroPropertyException(new ArrayList<>(unknown.values()));
        }
    }

    private static UnknownAsyncoroProperty describe(ConfigurationPropertySource source, ConfigurationPropertyName name,
            KnownPropertyNames known) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        Object origin = (property != null && property.getOrigin() != null) ? property.getOrigin()
                : source.getUnderlyingSource();
        return new UnknownAsyncoroProperty(name.toString(), String.valueOf(origin), known.nearest(name).orElse(null));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
