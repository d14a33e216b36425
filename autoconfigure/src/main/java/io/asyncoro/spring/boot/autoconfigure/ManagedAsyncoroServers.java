package io.asyncoro.spring.boot.autoconfigure;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.server.AsyncSocketServerInfo;

/** The {@link AsyncoroServers} bean: the configured servers and, once built, the servers themselves. */
final class ManagedAsyncoroServers implements AsyncoroServers {

    private final AsyncoroProperties properties;
    private final Map<String, AsyncSocketServerInfo> built = new ConcurrentHashMap<>();

    ManagedAsyncoroServers(AsyncoroProperties properties) {
        this.properties = properties;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(this.properties.getServers().keySet()));
    }

    @Override
    public Optional<AsyncSocketServerInfo> find(String name) {
        return Optional.ofNullable(this.built.get(name));
    }

    @Override
    public Optional<AsyncoroProperties.Server> properties(String name) {
        return Optional.ofNullable(this.properties.getServers().get(name));
    }

    void add(AsyncSocketServerInfo server) {
        this.built.put(server.name(), server);
    }

    Collection<AsyncSocketServerInfo> all() {
        return List.copyOf(this.built.values());
    }
}
