package io.asyncoro.spring.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.spring.connection.MessageFraming;

/**
 * What one client is built from, free of Spring Boot: Boot maps {@code asyncoro.clients.<name>.*} to it, and
 * an application that is not a Boot app builds it by hand. Immutable.
 *
 * @param name the client's name: its qualifier, metrics tag and log prefix
 * @param addresses where to connect, tried in order (failover); host names are resolved at each connect
 * @param framing how messages are framed, as the server expects
 * @param tls TLS settings, {@code null} for plain TCP
 * @param connectTimeout how long one connect to one address may take
 * @param readTimeout the default time a request waits for its reply
 * @param maxMessageSize the largest reply accepted with the {@code message} and {@code line} framings
 * @param poolMaxSize the most connections open at once; callers beyond wait for one
 * @param poolMaxIdleTime how long a connection may wait unused in the pool before it is closed
 * @param reconnect how long to wait before connecting again after every address failed
 */
public record ClientSettings(String name, List<InetSocketAddress> addresses, MessageFraming framing,
        TlsClientConfig tls, Duration connectTimeout, Duration readTimeout, long maxMessageSize, int poolMaxSize,
        Duration poolMaxIdleTime, ReconnectBackoff reconnect) {

    /** Checks the values. */
    public ClientSettings {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one address");
        }
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(poolMaxIdleTime, "poolMaxIdleTime");
        Objects.requireNonNull(reconnect, "reconnect");
        if (poolMaxSize < 1) {
            throw new IllegalArgumentException("poolMaxSize must be at least 1: " + poolMaxSize);
        }
    }

    /**
     * Settings for one address with asyncoro's {@code message} framing, no TLS, 5 s timeouts, a pool of 8 and
     * the {@linkplain ReconnectBackoff#DEFAULT default backoff}.
     */
    public static ClientSettings of(String name, InetSocketAddress address) {
        return new ClientSettings(name, List.of(address), MessageFraming.of(Framing.MESSAGE, 8192), null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE, 8,
                Duration.ofMinutes(1), ReconnectBackoff.DEFAULT);
    }

    /** A copy with another framing. */
    public ClientSettings withFraming(MessageFraming value) {
        return new ClientSettings(this.name, this.addresses, value, this.tls, this.connectTimeout, this.readTimeout,
                this.maxMessageSize, this.poolMaxSize, this.poolMaxIdleTime, this.reconnect);
    }
}
