package io.asyncoro.spring.server;

import java.util.Optional;
import java.util.Set;

import io.asyncoro.server.AsyncSocketServerInfo;

/**
 * The servers configured under {@code asyncoro.servers}, for health checks, endpoints and tests. A bean of
 * this type exists whenever the auto-configuration is active.
 */
public interface AsyncoroServers {

    /** The names of every configured server, started or not. */
    Set<String> names();

    /** The named server once it has been built (it may be stopped, or have failed to start); empty before. */
    Optional<AsyncSocketServerInfo> find(String name);
}
