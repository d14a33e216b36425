package io.asyncoro.spring.handler;

import io.asyncoro.spring.annotation.ConnectionHandler;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/**
 * The handler methods of one {@link SocketController}, checked at startup. Either {@code connectionHandler} is
 * set and nothing else, or any of the event methods are.
 *
 * @param serverName the server the controller serves
 * @param beanName the controller's bean name
 * @param onConnect the {@link OnConnect} method, or {@code null}
 * @param onMessage the {@link OnMessage} method, or {@code null}
 * @param onDisconnect the {@link OnDisconnect} method, or {@code null}
 * @param onError the {@link OnError} method, or {@code null}
 * @param connectionHandler the {@link ConnectionHandler} method, or {@code null}
 */
public record SocketControllerMethods(String serverName, String beanName, HandlerMethod onConnect,
        HandlerMethod onMessage, HandlerMethod onDisconnect, HandlerMethod onError, HandlerMethod connectionHandler) {
}
