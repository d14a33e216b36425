package io.asyncoro.spring.boot.autoconfigure.diagnostics;

/**
 * A property under {@code asyncoro.*} that binds to nothing.
 *
 * @param name the property's name, for example {@code asyncoro.servers.kv.prot}
 * @param origin where it was set, for example {@code class path resource [application.yml] - 4:7}
 * @param suggestion the valid name nearest to it, for example {@code asyncoro.servers.kv.port}; {@code null}
 * for none
 */
public record UnknownAsyncoroProperty(String name, String origin, String suggestion) {
}
