package io.asyncoro.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Picks a configured client by name where an {@link AsyncoroClientTemplate} is injected:
 * {@code @AsyncoroClient("billing") AsyncoroClientTemplate billing} gets the client configured under
 * {@code asyncoro.clients.billing}.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface AsyncoroClient {

    /** The client's name, the key under {@code asyncoro.clients}. */
    String value();
}
