package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

import io.asyncoro.AsynCoro;

/**
 * Closes the auto-configured {@link AsynCoro} with the context, waiting {@code asyncoro.scheduler.shutdown-timeout}
 * for its coroutines before terminating them.
 */
final class AsynCoroShutdown implements DisposableBean {

    private static final Log logger = LogFactory.getLog(AsynCoroShutdown.class);

    private final AsynCoro asyncoro;
    private final Duration timeout;

    AsynCoroShutdown(AsynCoro asyncoro, Duration timeout) {
        this.asyncoro = asyncoro;
        this.timeout = timeout;
    }

    @Override
    public void destroy() {
        if (!this.asyncoro.close(this.timeout)) {
            logger.info("Coroutines still running " + this.timeout + " after shutdown began were terminated");
        }
    }
}
