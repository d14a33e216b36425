package io.asyncoro.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a {@link SocketController}: Serves each whole connection as one coroutine, asyncoro style: the method takes the {@link io.asyncoro.net.AsyncSocket} and returns when done (the server then closes the socket). A controller with such a method has no other handler methods.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectionHandler {
}
