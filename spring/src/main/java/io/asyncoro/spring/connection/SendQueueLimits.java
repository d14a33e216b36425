package io.asyncoro.spring.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a connection's send queue may hold before the connection is dropped as a slow consumer, counted
 * in bytes as Redis's {@code client-output-buffer-limit} is: past the hard limit at once; over the soft limit
 * for longer than the soft period. Bytes count the payloads waiting to be written; the one being written is
 * not counted, so memory per connection stays below the hard limit plus one message.
 *
 * @param hardLimit bytes past which the connection is dropped at once; a single message larger than this is
 *        still accepted when nothing else is queued, so an oversized broadcast is not a death sentence
 * @param softLimit bytes the queue may exceed for at most {@code softPeriod}; 0 for no soft limit
 * @param softPeriod how long the queue may stay over the soft limit
 * @param maxMessages the most messages queued, {@link Integer#MAX_VALUE} for no count limit (the deprecated
 *        {@code send-queue-capacity})
 */
public record SendQueueLimits(long hardLimit, long softLimit, Duration softPeriod, int maxMessages) {

    /** 1 MiB hard, 256 KiB soft for 10 s, no message count limit: Redis's pub/sub defaults, scaled down. */
    public static final SendQueueLimits DEFAULT = new SendQueueLimits(1024 * 1024, 256 * 1024,
            Duration.ofSeconds(10), Integer.MAX_VALUE);

    /** Checks the limits. */
    public SendQueueLimits {
        Objects.requireNonNull(softPeriod, "softPeriod");
        if (hardLimit < 1) {
            throw new IllegalArgumentException("hardLimit must be at least 1 byte: " + hardLimit);
        }
        if (softLimit < 0 || softLimit > hardLimit) {
            throw new IllegalArgumentException("softLimit must be between 0 and hardLimit: " + softLimit);
        }
        if (softPeriod.isNegative()) {
            throw new IllegalArgumentException("softPeriod must not be negative: " + softPeriod);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
        }
    }
}
