package io.asyncoro.spring.boot.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.PropertyMapper;

import io.asyncoro.AsynCoro;
import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.DatagramHandler;
import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.ssl.ServerTlsFactory;

/**
 * Builds servers from {@link AsyncoroProperties.Server} settings: address, limits, TLS, the observers of
 * every {@link ServerObserverFactory} and the {@link AsyncSocketServerCustomizer}s. The auto-configuration
 * builds the servers under {@code asyncoro.servers} with it; application code can inject it to build more.
 */
public class AsyncSocketServerFactory {

    private final AsynCoro asyncoro;
    private final ServerTlsFactory tlsFactory;
    private final List<ServerObserverFactory> observerFactories;
    private final List<AsyncSocketServerCustomizer> customizers;
    private final Map<String, ServerObserver> observers = new ConcurrentHashMap<>();

    /**
     * A factory.
     *
     * @param observerFactories asked in this order for each server's observer
     * @param customizers applied in this order
     */
    public AsyncSocketServerFactory(AsynCoro asyncoro, ServerTlsFactory tlsFactory,
            List<ServerObserverFactory> observerFactories, List<AsyncSocketServerCustomizer> customizers) {
        this.asyncoro = asyncoro;
        this.tlsFactory = tlsFactory;
        this.observerFactories = List.copyOf(observerFactories);
        this.customizers = List.copyOf(customizers);
    }

    /**
     * The observer of the named server: every factory's observer, combined. Built once per name, so the
     * server and the code around it (its connections' send queues) report to the same observer.
     */
    public ServerObserver observer(String serverName) {
        return this.observers.computeIfAbsent(serverName, name -> ServerObserver.composite(this.observerFactories
            .stream().map(f -> f.observerFor(name)).filter(Objects::nonNull).toList()));
    }

    /**
     * A TCP server, not yet started.
     *
     * @param serverName its name (metrics tag, log prefix)
     * @param settings its settings
     * @param handler serves each connection
     */
    public AsyncSocketServer createServer(String serverName, AsyncoroProperties.Server settings,
            ConnectionHandler handler) {
        AsyncoroPropertiesValidator.validate(serverName, settings);
        AsyncSocketServer.Builder builder = AsyncSocketServer.builder()
            .name(serverName)
            .asyncoro(this.asyncoro)
            .observer(observer(serverName))
            .handler(handler)
            .tls(this.tlsFactory.create(serverName, settings.getSsl()));
        PropertyMapper map = PropertyMapper.get();
        map.from(address(serverName, settings)).always().to(builder::address);
        map.from(settings::getPort).to(builder::port);
        map.from(settings::getBacklog).to(builder::backlog);
        map.from(settings::isBlocking).to(builder::blocking);
        map.from(settings::getMaxConnections).to(builder::maxConnections);
        map.from(settings::getIdleTimeout).to(builder::idleTimeout);
        map.from(settings::getMaxMessageSize).as(s -> s.toBytes()).to(builder::maxMessageSize);
        map.from(settings::getShutdownGracePeriod).to(builder::shutdownGracePeriod);
        for (AsyncSocketServerCustomizer customizer : this.customizers) {
            customizer.customize(serverName, builder);
        }
        return builder.build();
    }

    /**
     * A UDP server, not yet started. TLS, connection limits and framing do not apply to UDP.
     *
     * @param serverName its name (metrics tag, log prefix)
     * @param settings its settings
     * @param handler serves each datagram
     */
    public AsyncDatagramServer createDatagramServer(String serverName, AsyncoroProperties.Server settings,
            DatagramHandler handler) {
        AsyncoroPropertiesValidator.validate(serverName, settings);
        AsyncDatagramServer.Builder builder = AsyncDatagramServer.builder()
            .name(serverName)
            .asyncoro(this.asyncoro)
            .observer(observer(serverName))
            .handler(handler);
        PropertyMapper map = PropertyMapper.get();
        map.from(address(serverName, settings)).always().to(builder::address);
        map.from(settings::getPort).to(builder::port);
        map.from(settings::isBlocking).to(builder::blocking);
        map.from(settings::getMaxMessageSize)
            .as(s -> (int) Math.min(s.toBytes(), AsyncDatagramServer.MAX_DATAGRAM_SIZE))
            .to(builder::maxDatagramSize);
        map.from(settings::getShutdownGracePeriod).to(builder::shutdownGracePeriod);
        for (AsyncSocketServerCustomizer customizer : this.customizers) {
            customizer.customizeDatagram(serverName, builder);
        }
        return builder.build();
    }

    private static InetAddress address(String serverName, AsyncoroProperties.Server settings) {
        String address = settings.getAddress();
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        }
        catch (UnknownHostException ex) {
            throw new InvalidAsyncoroPropertyException("asyncoro.servers." + serverName + ".address", address,
                    "an IP address or a resolvable host name, for example 0.0.0.0 or 127.0.0.1");
        }
    }
}
