package io.asyncoro.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the port a server under {@code asyncoro.servers} is listening on, once it has started: the value
 * of {@code local.asyncoro.servers.<name>.port}. Handy with {@code port: 0} in tests.
 *
 * <pre>{@code
 * @LocalAsyncoroServerPort("chat")
 * int chatPort;
 * }</pre>
 *
 * <p>Works on fields and single-argument methods of test classes and beans injected after the servers
 * started (a {@code @SpringBootTest} test instance, for example), like Boot's {@code @LocalServerPort}. It
 * is resolved by {@link LocalAsyncoroServerPortInjector} as {@code ${local.asyncoro.servers.<name>.port}}.
 */
@Target({ ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LocalAsyncoroServerPort {

    /** The server's name. */
    String value();
}
