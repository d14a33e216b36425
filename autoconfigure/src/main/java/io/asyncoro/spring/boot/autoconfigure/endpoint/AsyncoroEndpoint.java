package io.asyncoro.spring.boot.autoconfigure.endpoint;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.asyncoro.AsynCoro;
import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.asyncoro.spring.client.AsyncoroClients;
import io.asyncoro.spring.client.ClientSettings;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.boot.autoconfigure.SendQueueProperties;
import io.asyncoro.spring.boot.autoconfigure.ServerSslProperties;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * The {@code asyncoro} actuator endpoint: each configured server's address, port, protocol, TLS, blocking mode,
 * framing, limits and connection counts, the scheduler's live coroutines, and each configured client;
 * {@code /actuator/asyncoro/{server}} lists who is connected to one server ({@link OpenConnectionsDescriptor}).
 * Read-only. It shows settings and addresses, never a password, a key store location or a payload.
 */
@Endpoint(id = "asyncoro")
public class AsyncoroEndpoint {

    private final AsyncoroServers servers;

    private final AsyncoroProperties properties;

    private final AsynCoro asyncoro;

    private final AsyncoroClients clients;
    private final ConnectionRegistry connections;

    /**
     * An endpoint describing {@code servers} and {@code asyncoro}, listing no connections.
     *
     * @param servers the configured servers
     * @param properties their configuration
     * @param asyncoro the scheduler, or {@code null} when there is none to describe
     */
    public AsyncoroEndpoint(AsyncoroServers servers, AsyncoroProperties properties, AsynCoro asyncoro) {
        this(servers, properties, asyncoro, null, null);
    }

    /**
     * An endpoint describing {@code servers}, {@code asyncoro} and {@code clients}, and listing the open
     * connections of {@code connections}.
     *
     * @param clients the configured clients, or {@code null} when there are none
     * @param connections the open connections, or {@code null} when there are none to list
     */
    public AsyncoroEndpoint(AsyncoroServers servers, AsyncoroProperties properties, AsynCoro asyncoro,
            AsyncoroClients clients, ConnectionRegistry connections) {
        this.servers = servers;
        this.properties = properties;
        this.asyncoro = asyncoro;
        this.clients = clients;
        this.connections = connections;
    }

    /**
     * Lists the open connections of one server, at most {@value OpenConnectionsDescriptor#MAX_LISTED}.
     *
     * @param server the server's name
     * @return the connections, or {@code null} (404) when no server has that name
     */
    @ReadOperation
    public OpenConnectionsDescriptor connections(@Selector String server) {
        if (!this.servers.names().contains(server)) {
            return null;
        }
        return OpenConnectionsDescriptor.of(server,
                (this.connections != null) ? this.connections.connections(server) : List.of());
    }

    /** Describes the servers and the scheduler as they are now. */
    @ReadOperation
    public AsyncoroDescriptor asyncoro() {
        Map<String, ServerDescriptor> described = new LinkedHashMap<>();
        for (String name : this.servers.names()) {
            AsyncSocketServerInfo server = this.servers.find(name).orElse(null);
            AsyncoroProperties.Server properties = this.properties.getServers().get(name);
            described.put(name, ServerDescriptor.of(server, properties));
        }
        SchedulerDescriptor scheduler = (this.asyncoro != null) ? new SchedulerDescriptor(this.asyncoro.name(),
                this.asyncoro.activeCount(), this.asyncoro.startedCount()) : null;
        Map<String, ClientDescriptor> clientsDescribed = new LinkedHashMap<>();
        if (this.clients != null) {
            this.clients.names().forEach(name -> clientsDescribed.put(name, ClientDescriptor.of(this.clients.get(name))));
        }
        return new AsyncoroDescriptor(described, scheduler, clientsDescribed);
    }

    /**
     * What the endpoint returns.
     *
     * @param servers each configured server by name
     * @param scheduler the coroutine scheduler, or {@code null} when there is none
     * @param clients each configured client by name
     */
    public record AsyncoroDescriptor(Map<String, ServerDescriptor> servers, SchedulerDescriptor scheduler,
            Map<String, ClientDescriptor> clients) implements OperationResponseBody {
    }

    /**
     * One client: where it connects and how, and its pool now.
     *
     * @param addresses the addresses, in failover order, as host:port
     * @param framing the framing's name
     * @param tls whether it connects over TLS
     * @param poolMaxSize the most pooled connections
     * @param openConnections pooled connections open now
     * @param idleConnections of those, the ones waiting unused
     */
    public record ClientDescriptor(List<String> addresses, String framing, boolean tls, int poolMaxSize,
            int openConnections, int idleConnections) {

        static ClientDescriptor of(AsyncoroClientTemplate client) {
            ClientSettings settings = client.settings();
            return new ClientDescriptor(
                    settings.addresses().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList(),
                    settings.framing().name(), settings.tls() != null, settings.poolMaxSize(),
                    client.openConnections(), client.idleConnections());
        }
    }

    /**
     * The coroutine scheduler.
     *
     * @param name the scheduler's name
     * @param activeCoroutines coroutines alive now
     * @param startedCoroutines coroutines started since the scheduler was created
     */
    public record SchedulerDescriptor(String name, int activeCoroutines, long startedCoroutines) {
    }

    /**
     * One server. The live values (address, port, state, connections) come from the running server; the rest
     * from its configuration.
     *
     * @param address the address listened on
     * @param port the port listened on (the configured one before the server has bound)
     * @param protocol {@code tcp} or {@code udp}
     * @param running whether the server was started and not stopped
     * @param listening whether its accept (or receive) loop is alive
     * @param blocking whether handlers run on platform threads instead of coroutines
     * @param framing how the byte stream is cut into messages, {@code null} when not configured from properties
     * @param tls the TLS settings
     * @param limits the limits
     * @param connections the connection counts
     */
    public record ServerDescriptor(String address, int port, String protocol, boolean running, boolean listening,
            boolean blocking, String framing, TlsDescriptor tls, LimitsDescriptor limits,
            ConnectionsDescriptor connections) {

        static ServerDescriptor of(AsyncSocketServerInfo server, AsyncoroProperties.Server properties) {
            InetSocketAddress bound = (server != null) ? server.localAddress() : null;
            String address = (bound != null) ? bound.getAddress().getHostAddress()
                    : (properties != null) ? properties.getAddress() : null;
            int port = (bound != null) ? bound.getPort()
                    : (properties != null && properties.getPort() != null) ? properties.getPort() : -1;
            String protocol = (server != null) ? server.protocol()
                    : (properties != null) ? lower(properties.getProtocol()) : null;
            boolean blocking = (server != null) ? server.isBlocking() : properties != null && properties.isBlocking();
            String framing = (properties == null) ? null
                    : (properties.getCodec() != null && !properties.getCodec().isBlank()) ? "codec:" + properties.getCodec()
                    : (properties.getFraming() != null) ? properties.getFraming().propertyValue() : null;
            return new ServerDescriptor(address, port, protocol, server != null && server.isRunning(),
                    server != null && server.isListening(), blocking, framing, TlsDescriptor.of(server, properties),
                    LimitsDescriptor.of(server, properties), ConnectionsDescriptor.of(server, properties));
        }
    }

    /**
     * A server's TLS settings, without any secret.
     *
     * @param enabled whether the server speaks TLS
     * @param bundle the Spring SSL bundle served, if one is named
     * @param protocols the TLS protocols enabled
     * @param clientAuth whether clients must present a certificate
     * @param handshakeTimeout how long a handshake may take
     */
    public record TlsDescriptor(boolean enabled, String bundle, List<String> protocols, String clientAuth,
            String handshakeTimeout) {

        static TlsDescriptor of(AsyncSocketServerInfo server, AsyncoroProperties.Server properties) {
            boolean enabled = (server != null) ? server.isTls() : properties != null && properties.getSsl().servesTls();
            if (!enabled || properties == null) {
                return new TlsDescriptor(enabled, null, null, null, null);
            }
            ServerSslProperties ssl = properties.getSsl();
            return new TlsDescriptor(true, ssl.getBundle(), List.copyOf(ssl.getProtocols()), lower(ssl.getClientAuth()),
                    String.valueOf(ssl.getHandshakeTimeout()));
        }
    }

    /**
     * A server's limits. Durations are ISO-8601 ({@code PT30S}); sizes are in bytes.
     *
     * @param maxMessageSize the largest message accepted, in bytes
     * @param maxConnections the most connections served at once
     * @param idleTimeout how long a connection may be idle ({@code PT0S} for no limit)
     * @param backlog the listen backlog
     * @param sendQueueHardLimit bytes queued for one connection past which it is dropped
     * @param sendQueueSoftLimit bytes queued for one connection it may exceed for {@code sendQueueSoftPeriod}
     * @param sendQueueSoftPeriod how long a queue may stay over the soft limit
     * @param shutdownGracePeriod how long a stop lets handlers finish
     */
    public record LimitsDescriptor(long maxMessageSize, int maxConnections, String idleTimeout, Integer backlog,
            Long sendQueueHardLimit, Long sendQueueSoftLimit, String sendQueueSoftPeriod,
            String shutdownGracePeriod) {

        static LimitsDescriptor of(AsyncSocketServerInfo server, AsyncoroProperties.Server properties) {
            long maxMessageSize = (server != null) ? server.maxMessageSize()
                    : (properties != null) ? properties.getMaxMessageSize().toBytes() : -1;
            int maxConnections = (server != null) ? server.maxConnections()
                    : (properties != null) ? properties.getMaxConnections() : -1;
            String idleTimeout = (server != null) ? String.valueOf(server.idleTimeout())
                    : (properties != null) ? String.valueOf(properties.getIdleTimeout()) : null;
            if (properties == null) {
                return new LimitsDescriptor(maxMessageSize, maxConnections, idleTimeout, null, null, null, null, null);
            }
            SendQueueProperties queue = properties.getSendQueue();
            return new LimitsDescriptor(maxMessageSize, maxConnections, idleTimeout, properties.getBacklog(),
                    queue.getHardLimit().toBytes(), queue.getSoftLimit().toBytes(),
                    String.valueOf(queue.getSoftPeriod()), String.valueOf(properties.getShutdownGracePeriod()));
        }
    }

    /**
     * A server's connections.
     *
     * @param active connections open now
     * @param max the most served at once
     */
    public record ConnectionsDescriptor(int active, int max) {

        static ConnectionsDescriptor of(AsyncSocketServerInfo server, AsyncoroProperties.Server properties) {
            if (server != null) {
                return new ConnectionsDescriptor(server.activeConnections(), server.maxConnections());
            }
            return new ConnectionsDescriptor(0, (properties != null) ? properties.getMaxConnections() : 0);
        }
    }

    private static String lower(Enum<?> value) {
        return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
    }
}
