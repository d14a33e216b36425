package io.asyncoro.spring.server;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;

import io.asyncoro.AsynCoro;

/**
 * Closes an {@link AsynCoro} owned by the context when the context closes, waiting a timeout (Boot's
 * {@code asyncoro.scheduler.shutdown-timeout}) for its coroutines before terminating them.
 */
public final class AsynCoroShutdown implements DisposableBean {

    private static final Log logger = LogFactory.getLog(AsynCoroShutdown.class);

    private final AsynCoro asyncoro;
    private final Duration timeout;

    /** Closes {@code asyncoro}, waiting at most {@code timeout} for its coroutines. */
    public AsynCoroShutdown(AsynCoro asyncoro, Duration timeout) {
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
