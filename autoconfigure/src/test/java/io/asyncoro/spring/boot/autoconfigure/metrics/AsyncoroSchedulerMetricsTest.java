package io.asyncoro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncoroSchedulerMetricsTest {

    @Test
    void readsLiveAndStartedCoroutines() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AsynCoro asyncoro = new AsynCoro("metrics-test")) {
            new AsyncoroSchedulerMetrics(asyncoro).bindTo(registry);
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_ACTIVE).gauge().value()).isZero();
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_STARTED).functionCounter().count()).isZero();

            CountDownLatch release = new CountDownLatch(1);
            Coro<Void> waiting = asyncoro.spawn(self -> {
                release.await();
                return null;
            });
            Coro<Integer> quick = asyncoro.spawn(self -> 1);
            assertThat(quick.value()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(registry.get(AsyncoroMeterNames.COROUTINES_ACTIVE).gauge().value())
                    .isEqualTo(1.0));
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_STARTED).functionCounter().count()).isEqualTo(2.0);

            release.countDown();
            waiting.value();
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(registry.get(AsyncoroMeterNames.COROUTINES_ACTIVE).gauge().value())
                    .isZero());
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_STARTED).functionCounter().count()).isEqualTo(2.0);
            assertThat(registry.get(AsyncoroMeterNames.COROUTINES_ACTIVE).gauge().getId().getTags()).isEmpty();
        }
    }
}
