package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a handled message; declare a bean of this type to replace the default. */
public interface MessageHandlingObservationConvention extends ObservationConvention<MessageHandlingContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MessageHandlingContext;
    }
}
