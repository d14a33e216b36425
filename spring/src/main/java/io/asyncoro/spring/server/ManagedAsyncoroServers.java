package io.asyncoro.spring.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.server.AsyncSocketServerInfo;

/**
 * The {@link AsyncoroServers} bean: the configured servers' names and, once built, the servers themselves,
 * followed by the servers the application built and handed to {@link AsyncoroServersLifecycle#manage}.
 */
public final class ManagedAsyncoroServers implements AsyncoroServers {

    private final Set<String> names;
    private final Map<String, AsyncSocketServerInfo> built = new ConcurrentHashMap<>();

    /** The servers named {@code names}, none built yet. */
    public ManagedAsyncoroServers(Collection<String> names) {
        this.names = Collections.synchronizedSet(new LinkedHashSet<>(names));
    }

    @Override
    public Set<String> names() {
        synchronized (this.names) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(this.names));
        }
    }

    /**
     * Lists a server the application built.
     *
     * @throws IllegalArgumentException when a server of that name is configured or listed already
     */
    void addManaged(AsyncSocketServerInfo server) {
        if (!this.names.add(server.name())) {
            throw new IllegalArgumentException("A server named '" + server.name() + "' is already managed "
                    + "(configured under asyncoro.servers or registered before); names must be unique");
        }
        this.built.put(server.name(), server);
    }

    @Override
    public Optional<AsyncSocketServerInfo> find(String name) {
        return Optional.ofNullable(this.built.get(name));
    }

    void add(AsyncSocketServerInfo server) {
        this.built.put(server.name(), server);
    }

    Collection<AsyncSocketServerInfo> all() {
        return List.copyOf(this.built.values());
    }
}
