package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.asyncoro.spring.client.AsyncoroClients;

/**
 * Binds each client's {@code asyncoro.client.connections} gauge, read from its pool when scraped. The counters
 * come from {@link MicrometerClientObserver}.
 */
public final class AsyncoroClientMetrics implements MeterBinder {

    private final AsyncoroClients clients;

    /** The gauges of {@code clients}. */
    public AsyncoroClientMetrics(AsyncoroClients clients) {
        this.clients = clients;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : this.clients.names()) {
            Gauge.builder(AsyncoroClientMeterNames.CONNECTIONS, this.clients.get(name),
                    AsyncoroClientTemplate::openConnections)
                .tag(AsyncoroClientMeterNames.TAG_CLIENT, name)
                .description("Pooled connections open now")
                .register(registry);
        }
    }
}
