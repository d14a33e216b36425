package io.asyncoro.spring.boot.test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Injects {@link LocalAsyncoroServerPort} fields and methods from {@code local.asyncoro.servers.<name>.port}
 * (a placeholder per server name, which a plain {@code @Value} meta-annotation cannot express).
 */
public class LocalAsyncoroServerPortInjector implements InstantiationAwareBeanPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName)
            throws BeansException {
        Class<?> type = ClassUtils.getUserClass(bean);
        ReflectionUtils.doWithFields(type, field -> inject(bean, beanName, field),
                field -> field.isAnnotationPresent(LocalAsyncoroServerPort.class));
        ReflectionUtils.doWithMethods(type, method -> inject(bean, beanName, method),
                method -> method.isAnnotationPresent(LocalAsyncoroServerPort.class) && method.getParameterCount() == 1);
        return pvs;
    }

    private void inject(Object bean, String beanName, Field field) {
        Object port = port(beanName, field.getAnnotation(LocalAsyncoroServerPort.class), field.getType());
        ReflectionUtils.makeAccessible(field);
        ReflectionUtils.setField(field, bean, port);
    }

    private void inject(Object bean, String beanName, Method method) {
        Object port = port(beanName, AnnotatedElementUtils.findMergedAnnotation(method, LocalAsyncoroServerPort.class),
                method.getParameterTypes()[0]);
        ReflectionUtils.makeAccessible(method);
        ReflectionUtils.invokeMethod(method, bean, port);
    }

    private Object port(String beanName, LocalAsyncoroServerPort annotation, Class<?> type) {
        String property = "local.asyncoro.servers." + annotation.value() + ".port";
        String value = this.environment.getProperty(property);
        if (value == null) {
            throw new BeanCreationException(beanName, "@LocalAsyncoroServerPort(\"" + annotation.value()
                    + "\"): " + property + " is not set; is the server configured and started?");
        }
        return DefaultConversionService.getSharedInstance().convert(value, type);
    }
}
