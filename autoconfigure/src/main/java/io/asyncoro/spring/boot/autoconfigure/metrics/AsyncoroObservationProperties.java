package io.asyncoro.spring.boot.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.asyncoro.spring.annotation.OnMessage;

/** Observations of asyncoro message handling, under {@code asyncoro.observations.*}. */
@ConfigurationProperties("asyncoro.observations")
public class AsyncoroObservationProperties {

    /**
     * Whether each @OnMessage invocation runs inside a Micrometer Observation (a span for a tracer, a timer named
     * asyncoro.message.handling). Off by default: it costs an allocation or two per message.
     */
    private boolean enabled = false;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
