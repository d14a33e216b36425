package io.asyncoro.spring.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.AsynCoro;
import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.AddressFilter;
import io.asyncoro.server.AdmissionControl;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.DatagramHandler;
import io.asyncoro.server.ServerObserver;

/**
 * Builds servers from {@link SocketServerSettings}: address, limits, TLS, the observers of every
 * {@link ServerObserverFactory} and the {@link AsyncSocketServerCustomizer}s. The auto-configuration builds
 * the servers under {@code asyncoro.servers} with it.
 */
public class AsyncSocketServerFactory {

    private final AsynCoro asyncoro;
    private final List<ServerObserverFactory> observerFactories;
    private final List<AsyncSocketServerCustomizer> customizers;
    private final Map<String, ServerObserver> observers = new ConcurrentHashMap<>();

    /**
     * A factory.
     *
     * @param observerFactories asked in this order for each server's observer
     * @param customizers applied in this order
     */
    public AsyncSocketServerFactory(AsynCoro asyncoro, List<ServerObserverFactory> observerFactories,
            List<AsyncSocketServerCustomizer> customizers) {
        this.asyncoro = asyncoro;
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
     * @param settings its settings, name included
     * @param handler serves each connection
     */
    public AsyncSocketServer createServer(SocketServerSettings settings, ConnectionHandler handler) {
        AsyncSocketServer.Builder builder = AsyncSocketServer.builder()
            .name(settings.name())
            .asyncoro(this.asyncoro)
            .observer(observer(settings.name()))
            .handler(handler)
            .tls(settings.tls())
            .proxyProtocol(settings.proxyProtocol())
            .address(settings.address())
            .port(settings.port())
            .backlog(settings.backlog())
            .blocking(settings.blocking())
            .maxConnections(settings.maxConnections())
            .idleTimeout(settings.idleTimeout())
            .maxMessageSize(settings.maxMessageSize())
            .shutdownGracePeriod(settings.shutdownGracePeriod());
        applyAdmission(settings.name(), settings.admission(), builder);
        for (AsyncSocketServerCustomizer customizer : this.customizers) {
            customizer.customize(settings.name(), builder);
        }
        return builder.build();
    }

    /**
     * Hands a server's admission settings to its builder: the one place where {@code allow}, {@code deny},
     * {@code max-connections-per-address} and the read/write idle timeouts reach core. A directional timeout of
     * zero leaves that direction to {@code idle-timeout}.
     */
    protected void applyAdmission(String serverName, AdmissionSettings admission, AsyncSocketServer.Builder builder) {
        if (!admission.readIdleTimeout().isZero()) {
            builder.readIdleTimeout(admission.readIdleTimeout());
        }
        if (!admission.writeIdleTimeout().isZero()) {
            builder.writeIdleTimeout(admission.writeIdleTimeout());
        }
        if (!admission.allow().isEmpty() || !admission.deny().isEmpty() || admission.maxConnectionsPerAddress() > 0) {
            builder.admission(AdmissionControl.of(AddressFilter.parse(admission.allow(), admission.deny()),
                    admission.maxConnectionsPerAddress()));
        }
    }

    /**
     * A UDP server, not yet started. TLS, connection limits and framing do not apply to UDP.
     *
     * @param settings its settings, name included
     * @param handler serves each datagram
     */
    public AsyncDatagramServer createDatagramServer(SocketServerSettings settings, DatagramHandler handler) {
        AsyncDatagramServer.Builder builder = AsyncDatagramServer.builder()
            .name(settings.name())
            .asyncoro(this.asyncoro)
            .observer(observer(settings.name()))
            .handler(handler)
            .address(settings.address())
            .port(settings.port())
            .blocking(settings.blocking())
            .maxDatagramSize((int) Math.min(settings.maxMessageSize(), AsyncDatagramServer.MAX_DATAGRAM_SIZE))
            .shutdownGracePeriod(settings.shutdownGracePeriod());
        for (AsyncSocketServerCustomizer customizer : this.customizers) {
            customizer.customizeDatagram(settings.name(), builder);
        }
        return builder.build();
    }
}
