package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * A connection's send queue limits, in bytes, as Redis's client-output-buffer-limit: a connection is dropped
 * (a slow consumer) once its queue is past the hard limit, or over the soft limit for the whole soft period.
 */
public class SendQueueProperties {

    /** Bytes queued for one connection past which it is dropped at once. */
    private DataSize hardLimit = DataSize.ofMegabytes(1);

    /** Bytes queued for one connection that it may exceed for at most soft-period; 0 for no soft limit. */
    private DataSize softLimit = DataSize.ofKilobytes(256);

    /** How long a connection's queue may stay over soft-limit before the connection is dropped. */
    private Duration softPeriod = Duration.ofSeconds(10);

    public DataSize getHardLimit() {
        return this.hardLimit;
    }

    public void setHardLimit(DataSize hardLimit) {
        this.hardLimit = hardLimit;
    }

    public DataSize getSoftLimit() {
        return this.softLimit;
    }

    public void setSoftLimit(DataSize softLimit) {
        this.softLimit = softLimit;
    }

    public Duration getSoftPeriod() {
        return this.softPeriod;
    }

    public void setSoftPeriod(Duration softPeriod) {
        this.softPeriod = softPeriod;
    }
}
