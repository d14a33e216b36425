package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.common.KeyValues;

/**
 * The default naming of message handling observations: {@value #NAME}, low-cardinality key {@code server},
 * high-cardinality key {@code connection.id} (traces only, never a meter tag).
 */
public class DefaultMessageHandlingObservationConvention implements MessageHandlingObservationConvention {

    /** The observation's name, and so the name of the timer Micrometer derives from it. */
    public static final String NAME = "asyncoro.message.handling";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(MessageHandlingContext context) {
        return "asyncoro " + context.getServerName() + " message";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MessageHandlingContext context) {
        return KeyValues.of(AsyncoroMeterNames.TAG_SERVER, context.getServerName());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MessageHandlingContext context) {
        return KeyValues.of("connection.id", String.valueOf(context.getConnectionId()));
    }
}
