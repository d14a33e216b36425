package io.asyncoro.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketController}: called when a connection fails (a bad frame, an I/O error, or a
 * handler's exception), before it is closed and before {@link OnDisconnect}. Parameters: optionally the
 * {@link io.asyncoro.spring.connection.AsyncConnection} and the failure (a {@link Throwable} type; the method is
 * only called for failures of that type). A non-null return value is sent to the peer before the connection
 * closes.
 *
 * <p>A message that cannot be converted to the {@code @OnMessage} payload type
 * ({@link io.asyncoro.spring.convert.PayloadConversionException}) closes the connection, unless an
 * {@code @OnError} method takes that failure and returns normally: then its return value is the reply, the
 * failure is counted, and the connection goes on with the next message. Throwing from the method closes the
 * connection. The server's log never carries the failure's message; the method gets the original exception.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {
}
