package io.asyncoro.spring.boot.autoconfigure.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.server.AsyncoroServers;

/** {@link AsyncoroServers} over servers a test builds itself (real ones). */
public final class TestAsyncoroServers implements AsyncoroServers {

    private final Map<String, AsyncoroProperties.Server> configured = new LinkedHashMap<>();

    private final Map<String, AsyncSocketServerInfo> built = new LinkedHashMap<>();

    /** Declares a configured server that may not be built yet. */
    public TestAsyncoroServers configure(String name, AsyncoroProperties.Server properties) {
        this.configured.put(name, properties);
        return this;
    }

    /** Declares a configured server and the server built for it. */
    public TestAsyncoroServers add(String name, AsyncoroProperties.Server properties, AsyncSocketServerInfo server) {
        this.configured.put(name, properties);
        this.built.put(name, server);
        return this;
    }

    @Override
    public Set<String> names() {
        return this.configured.keySet();
    }

    @Override
    public Optional<AsyncSocketServerInfo> find(String name) {
        return Optional.ofNullable(this.built.get(name));
    }

    /** The configuration these servers stand for, as {@code asyncoro.servers} would bind it. */
    public AsyncoroProperties properties() {
        AsyncoroProperties properties = new AsyncoroProperties();
        properties.getServers().putAll(this.configured);
        return properties;
    }
}
