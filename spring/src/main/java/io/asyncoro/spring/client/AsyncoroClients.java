package io.asyncoro.spring.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.asyncoro.spring.convert.PayloadConverters;

/**
 * Every configured client, by name. Closing it closes their pooled connections.
 */
public final class AsyncoroClients implements AutoCloseable {

    private final Map<String, AsyncoroClientTemplate> clients;

    /**
     * The clients built from {@code settings}, observed by the observers the factories make.
     *
     * @param observerFactories make each client's observers; all are told of everything
     */
    public AsyncoroClients(List<ClientSettings> settings, PayloadConverters converters,
            List<? extends ClientObserverFactory> observerFactories) {
        Map<String, AsyncoroClientTemplate> all = new LinkedHashMap<>();
        for (ClientSettings client : settings) {
            List<ClientObserver> observers = new ArrayList<>();
            observerFactories.forEach(f -> observers.add(f.observer(client.name())));
            all.put(client.name(), new AsyncoroClientTemplate(client, converters, CompositeClientObserver.of(observers)));
        }
        this.clients = Collections.unmodifiableMap(all);
    }

    /** The clients' names, in configuration order. */
    public Set<String> names() {
        return this.clients.keySet();
    }

    /** The named client. */
    public Optional<AsyncoroClientTemplate> find(String name) {
        return Optional.ofNullable(this.clients.get(name));
    }

    /**
     * The named client.
     *
     * @throws IllegalArgumentException when no client has that name
     */
    public AsyncoroClientTemplate get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no asyncoro client '" + name + "' is configured; configured: " + names()));
    }

    @Override
    public void close() {
        this.clients.values().forEach(AsyncoroClientTemplate::close);
    }
}
