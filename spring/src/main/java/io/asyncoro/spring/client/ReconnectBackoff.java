package io.asyncoro.spring.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a client waits before connecting again after every address failed: {@code initial}, multiplied by
 * {@code multiplier} after each further failure up to {@code max}, then spread by {@code jitter} (0.2: anywhere
 * from 80% to 120%) so that many clients of a restarted server do not reconnect in lockstep.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 * @param multiplier the growth per failure, at least 1
 * @param jitter the random spread, from 0 to 1
 */
public record ReconnectBackoff(Duration initial, Duration max, double multiplier, double jitter) {

    /** 100 ms, doubling up to 10 s, 20% jitter. */
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(10),
            2.0, 0.2);

    /** Checks the values. */
    public ReconnectBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max: " + initial + ", " + max);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /**
     * The wait after {@code failures} consecutive failed rounds.
     *
     * @param failures at least 1
     */
    public Duration delay(int failures) {
        double nanos = this.initial.toNanos() * Math.pow(this.multiplier, Math.max(0, failures - 1));
        nanos = Math.min(nanos, this.max.toNanos());
        if (this.jitter > 0) {
            nanos *= 1 + this.jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        }
        return Duration.ofNanos((long) nanos);
    }
}
