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

/** The {@link AsyncoroServers} bean: the configured servers' names and, once built, the servers themselves. */
public final class ManagedAsyncoroServers implements AsyncoroServers {

    private final Set<String> names;
    private final Map<String, AsyncSocketServerInfo> built = new ConcurrentHashMap<>();

    /** The servers named {@code names}, none built yet. */
    public ManagedAsyncoroServers(Collection<String> names) {
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    @Override
    public Set<String> names() {
        return this.names;
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
