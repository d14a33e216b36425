package io.asyncoro.spring.boot.autoconfigure.metrics;

import java.util.concurrent.Callable;

import org.springframework.core.Ordered;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.handler.MessageHandlerInterceptor;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Runs each {@code @OnMessage} invocation inside a Micrometer {@link Observation}, so a configured tracer sees
 * message handling as a span and the meter handler records a timer. It is the outermost interceptor, so the
 * others run inside the observation's scope.
 */
public final class ObservationMessageHandlerInterceptor implements MessageHandlerInterceptor, Ordered {

    private static final MessageHandlingObservationConvention DEFAULT_CONVENTION = new DefaultMessageHandlingObservationConvention();

    private final ObservationRegistry registry;

    private final MessageHandlingObservationConvention convention;

    /**
     * An interceptor observing into {@code registry}.
     *
     * @param registry the observation registry
     * @param convention a custom convention, or {@code null} for the default one
     */
    public ObservationMessageHandlerInterceptor(ObservationRegistry registry,
            MessageHandlingObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public Object intercept(String serverName, String connectionId, Callable<Object> invocation) throws Exception {
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> new MessageHandlingContext(serverName, connectionId), this.registry);
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            return invocation.call();
        }
        catch (Exception | Error ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
