package io.asyncoro.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

import io.asyncoro.spring.connection.AsyncConnection;

/**
 * Marks a component that serves the connections of one server configured under {@code asyncoro.servers}.
 * Its methods are annotated {@link OnConnect}, {@link OnMessage}, {@link OnDisconnect} and {@link OnError},
 * or it has a single {@link ConnectionHandler} method that serves each whole connection.
 *
 * <pre>{@code
 * @SocketController("chat")
 * class ChatController {
 *     @OnMessage
 *     String said(String text, AsyncConnection connection) { return "echo: " + text; }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketController {

    /** The name of the server (the key under {@code asyncoro.servers}); an alias for {@link #server()}. */
    @AliasFor("server")
    String value() default "";

    /** The name of the server (the key under {@code asyncoro.servers}). */
    @AliasFor("value")
    String server() default "";
}
