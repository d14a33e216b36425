package io.asyncoro.spring.server;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

import io.asyncoro.server.AsyncSocketServerInfo;

/**
 * Published when a server configured under {@code asyncoro.servers} is listening, once its port is known
 * (also published as {@code local.asyncoro.servers.<name>.port}).
 */
public class AsyncSocketServerStartedEvent extends ApplicationEvent {

    private final ApplicationContext applicationContext;

    /** The event of {@code server} starting in {@code applicationContext}. */
    public AsyncSocketServerStartedEvent(AsyncSocketServerInfo server, ApplicationContext applicationContext) {
        super(server);
        this.applicationContext = applicationContext;
    }

    /** The server that started. */
    public AsyncSocketServerInfo getServer() {
        return (AsyncSocketServerInfo) getSource();
    }

    /** The server's name. */
    public String getServerName() {
        return getServer().name();
    }

    /** The port it listens on. */
    public int getPort() {
        return getServer().localAddress().getPort();
    }

    /** The application context the server belongs to. */
    public ApplicationContext getApplicationContext() {
        return this.applicationContext;
    }
}
