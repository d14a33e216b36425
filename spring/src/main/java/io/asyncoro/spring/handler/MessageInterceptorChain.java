package io.asyncoro.spring.handler;

import java.util.List;
import java.util.concurrent.Callable;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.handler.MessageHandlerInterceptor;

/** Runs an {@code @OnMessage} invocation through every {@link MessageHandlerInterceptor}, the first outermost. */
public final class MessageInterceptorChain {

    private final MessageHandlerInterceptor[] interceptors;

    /** A chain of {@code interceptors}, already in order. */
    public MessageInterceptorChain(List<MessageHandlerInterceptor> interceptors) {
        this.interceptors = interceptors.toArray(MessageHandlerInterceptor[]::new);
    }

    /** Runs {@code invocation} inside every interceptor and returns its result. */
    public Object invoke(String serverName, String connectionId, Callable<Object> invocation) throws Exception {
        if (this.interceptors.length == 0) {
            return invocation.call();
        }
        return proceed(0, serverName, connectionId, invocation);
    }

    private Object proceed(int index, String serverName, String connectionId, Callable<Object> invocation)
            throws Exception {
        if (index == this.interceptors.length) {
            return invocation.call();
        }
        return this.interceptors[index].intercept(serverName, connectionId,
                () -> proceed(index + 1, serverName, connectionId, invocation));
    }
}
