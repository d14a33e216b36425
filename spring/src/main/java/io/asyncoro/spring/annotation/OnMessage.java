package io.asyncoro.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketController}: Called for each message (a frame, a line, a chunk, or a datagram). Parameters: the payload ({@code byte[]}, {@code String} as UTF-8, or a type a payload converter reads, such as JSON), optionally the {@link io.asyncoro.spring.connection.AsyncConnection} and the sender's {@link java.net.InetSocketAddress}. A non-null return value is sent back as the reply.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {
}
