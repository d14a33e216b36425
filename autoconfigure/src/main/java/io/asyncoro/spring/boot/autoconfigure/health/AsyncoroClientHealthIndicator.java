package io.asyncoro.spring.boot.autoconfigure.health;

import java.net.InetSocketAddress;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.asyncoro.spring.client.AsyncoroClientException;
import io.asyncoro.spring.client.AsyncoroClientTemplate;

/**
 * Whether a client can connect: each check opens a connection of its own (trying the addresses in order, TLS
 * handshake included) and closes it at once, sending nothing, outside the client's meters and backoff. Up with
 * the address that answered; down with the failure.
 */
public final class AsyncoroClientHealthIndicator implements HealthIndicator {

    private final AsyncoroClientTemplate client;

    /** The indicator of {@code client}. */
    public AsyncoroClientHealthIndicator(AsyncoroClientTemplate client) {
        this.client = client;
    }

    @Override
    public Health health() {
        try {
            InetSocketAddress answered = this.client.checkConnect();
            return Health.up()
                .withDetail("address", answered.getHostString() + ":" + answered.getPort())
                .withDetail("openConnections", this.client.openConnections())
                .build();
        }
        catch (AsyncoroClientException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            return Health.down()
                .withDetail("addresses", String.valueOf(this.client.settings().addresses()))
                .withDetail("error", cause.getClass().getName() + ": " + cause.getMessage())
                .build();
        }
    }
}
