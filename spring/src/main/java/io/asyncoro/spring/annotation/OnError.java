package io.asyncoro.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketController}: Called when a connection fails (a bad frame, an I/O error, or a handler's exception), before it is closed and before {@link OnDisconnect}. Parameters: optionally the {@link io.asyncoro.spring.connection.AsyncConnection} and the failure (a {@link Throwable} type; the method is only called for failures of that type).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {
}
