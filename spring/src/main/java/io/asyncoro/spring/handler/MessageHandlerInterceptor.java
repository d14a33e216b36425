package io.asyncoro.spring.handler;

import java.util.concurrent.Callable;

import io.asyncoro.spring.annotation.OnMessage;

/**
 * Wraps each invocation of an {@code @OnMessage} handler method, for example to run it inside a Micrometer
 * {@code Observation}. Every bean of this type wraps the invocation, the first in
 * {@link org.springframework.core.Ordered} order outermost.
 */
@FunctionalInterface
public interface MessageHandlerInterceptor {

    /**
     * Runs {@code invocation}, which calls the handler (and the inner interceptors), and returns its result.
     *
     * @param serverName the server the message arrived on
     * @param connectionId the connection's id
     * @param invocation calls the handler; its result is the reply ({@code null} for none)
     */
    Object intercept(String serverName, String connectionId, Callable<Object> invocation) throws Exception;
}
