package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.server.ServerObserverFactory;

import io.micrometer.core.instrument.MeterRegistry;

/** Gives each configured server a {@link MicrometerServerObserver} on one {@link MeterRegistry}. */
public final class MicrometerServerObserverFactory implements ServerObserverFactory {

    private final MeterRegistry registry;

    /**
     * A factory registering into {@code registry}.
     *
     * @param registry where every server's meters go
     */
    public MicrometerServerObserverFactory(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ServerObserver observerFor(String serverName) {
        return new MicrometerServerObserver(this.registry, serverName);
    }
}
