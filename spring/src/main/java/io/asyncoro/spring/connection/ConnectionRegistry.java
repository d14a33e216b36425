package io.asyncoro.spring.connection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * The open connections of every annotated TCP server, by server name, for listing and broadcast. A connection
 * is listed from just before {@code @OnConnect} until just before {@code @OnDisconnect}.
 */
public class ConnectionRegistry {

    private final Map<String, Map<String, AsyncConnection>> byServer = new ConcurrentHashMap<>();

    private final PayloadConverters converters;

    /** A registry that converts broadcast values with {@code converters}. */
    public ConnectionRegistry(PayloadConverters converters) {
        this.converters = converters;
    }

    /** The open connections of a server (a snapshot). */
    public Collection<AsyncConnection> connections(String serverName) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return open == null ? List.of() : List.copyOf(open.values());
    }

    /** How many connections a server has open. */
    public int count(String serverName) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return open == null ? 0 : open.size();
    }

    /** An open connection by id. */
    public Optional<AsyncConnection> find(String serverName, String id) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        return Optional.ofNullable(open == null ? null : open.get(id));
    }

    /**
     * Queues {@code message} on every open connection of a server. Never blocks on a slow peer.
     *
     * @param message {@code byte[]}, {@code String}, or a value a payload converter writes
     * @return how many connections took the message
     */
    public int broadcast(String serverName, Object message) {
        return broadcast(serverName, message, c -> true);
    }

    /**
     * Queues {@code message} on the open connections of a server that {@code recipients} accepts, for example
     * everyone but the sender. Never blocks on a slow peer; the message is converted once.
     *
     * @return how many connections took the message
     */
    public int broadcast(String serverName, Object message, Predicate<? super AsyncConnection> recipients) {
        Map<String, AsyncConnection> open = this.byServer.get(serverName);
        if (open == null || open.isEmpty()) {
            return 0;
        }
        byte[] payload = this.converters.write(message);
        int queued = 0;
        for (AsyncConnection connection : open.values()) {
            if (recipients.test(connection) && connection.send(payload)) {
                queued++;
            }
        }
        return queued;
    }

    /** Lists a connection; called by the handler adapters when a connection opens. */
    public void register(AsyncConnection connection) {
        this.byServer.computeIfAbsent(connection.serverName(), n -> new ConcurrentHashMap<>())
            .put(connection.id(), connection);
    }

    /** Unlists a connection; called by the handler adapters when a connection ends. */
    public void unregister(AsyncConnection connection) {
        Map<String, AsyncConnection> open = this.byServer.get(connection.serverName());
        if (open != null) {
            open.remove(connection.id(), connection);
        }
    }
}
