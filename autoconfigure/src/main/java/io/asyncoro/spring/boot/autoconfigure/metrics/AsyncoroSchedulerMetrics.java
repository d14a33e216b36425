package io.asyncoro.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.asyncoro.AsynCoro;

/**
 * Binds the scheduler's coroutine counts: {@code asyncoro.coroutines.active} (gauge) and
 * {@code asyncoro.coroutines.started} (function counter). Both read the scheduler's own counters when
 * scraped, so spawning a coroutine costs nothing extra.
 */
public final class AsyncoroSchedulerMetrics implements MeterBinder {

    private final AsynCoro asyncoro;

    /**
     * Metrics of one scheduler.
     *
     * @param asyncoro the scheduler to read
     */
    public AsyncoroSchedulerMetrics(AsynCoro asyncoro) {
        this.asyncoro = asyncoro;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(AsyncoroMeterNames.COROUTINES_ACTIVE, this.asyncoro, AsynCoro::activeCount)
            .description("Coroutines alive now")
            .register(registry);
        FunctionCounter.builder(AsyncoroMeterNames.COROUTINES_STARTED, this.asyncoro, AsynCoro::startedCount)
            .description("Coroutines started since the scheduler was created")
            .register(registry);
    }
}
