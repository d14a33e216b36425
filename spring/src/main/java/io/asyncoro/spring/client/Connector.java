package io.asyncoro.spring.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.net.AsyncSocket;

/**
 * Opens a client's connections: tries each address in order (failover), and after a round in which every
 * address failed lets no new round start before the {@link ReconnectBackoff}'s delay. The delay is shared by
 * all callers, so a hundred callers of a server that is down do not make a hundred connects each; a caller
 * whose deadline comes before the delay ends fails at once, one whose deadline allows it waits the delay out.
 */
final class Connector {

    private static final Log logger = LogFactory.getLog(Connector.class);

    private final ClientSettings settings;
    private final ClientObserver observer;
    private int failedRounds;
    private long notBeforeNanos = System.nanoTime();
    private IOException lastFailure;

    Connector(ClientSettings settings, ClientObserver observer) {
        this.settings = settings;
        this.observer = observer;
    }

    /**
     * A new connection.
     *
     * @param deadlineNanos when to give up, on {@link System#nanoTime()}'s scale
     * @throws IOException the last address's failure, or a {@link ConnectException} when the backoff lasts
     *         past the deadline
     */
    AsyncSocket connect(long deadlineNanos) throws IOException {
        long wait = waitBeforeNextRound();
        if (wait > 0) {
            if (System.nanoTime() + wait > deadlineNanos) {
                ConnectException backingOff = new ConnectException("[" + this.settings.name() + "] every address "
                        + "failed; the next attempt is in " + TimeUnit.NANOSECONDS.toMillis(wait)
                        + " ms, past this call's deadline");
                backingOff.initCause(lastFailure());
                throw backingOff;
            }
            // Runs on the caller's thread (a coroutine's virtual thread, usually): parking costs no carrier.
            LockSupport.parkNanos(wait);
        }
        // One round per call: a refused or untrusted server is reported at once rather than retried until
        // the deadline; the next call tries again once the backoff has passed.
        IOException last = null;
        for (InetSocketAddress configured : this.settings.addresses()) {
            InetSocketAddress address = new InetSocketAddress(configured.getHostString(), configured.getPort());
            try {
                AsyncSocket socket = open(address, deadlineNanos);
                succeeded();
                this.observer.connected(address);
                return socket;
            }
            catch (IOException ex) {
                this.observer.connectFailed(address, ex);
                logger.debug("[" + this.settings.name() + "] connecting to " + address + " failed: " + ex);
                last = ex;
            }
        }
        Duration delay = failed(last);
        logger.info("[" + this.settings.name() + "] no address could be connected to (" + last
                + "); next attempt in " + delay.toMillis() + " ms at the earliest");
        throw last;
    }

    /**
     * Connects to the first address that answers, for a health check: neither counted by the observer nor
     * waiting for or moving the backoff, so checks neither skew the meters nor delay a reconnection.
     *
     * @return the connected socket, for the caller to close
     */
    AsyncSocket probe(long deadlineNanos) throws IOException {
        IOException last = null;
        for (InetSocketAddress configured : this.settings.addresses()) {
            try {
                return open(new InetSocketAddress(configured.getHostString(), configured.getPort()), deadlineNanos,
                        false);
            }
            catch (IOException ex) {
                last = ex;
            }
        }
        throw last;
    }

    private AsyncSocket open(InetSocketAddress address, long deadlineNanos) throws IOException {
        return open(address, deadlineNanos, true);
    }

    private AsyncSocket open(InetSocketAddress address, long deadlineNanos, boolean observed) throws IOException {
        long left = Math.max(1, deadlineNanos - System.nanoTime());
        Duration timeout = Duration.ofNanos(Math.min(left, this.settings.connectTimeout().toNanos()));
        AsyncSocket socket = this.settings.tls() != null
                ? AsyncSocket.connectTls(address, timeout, this.settings.tls())
                : AsyncSocket.connect(address, timeout);
        socket.setMaxMessageSize(this.settings.maxMessageSize());
        if (observed) {
            socket.setListener(this.observer);
        }
        return socket;
    }

    private synchronized long waitBeforeNextRound() {
        return this.notBeforeNanos - System.nanoTime();
    }

    private synchronized void succeeded() {
        this.failedRounds = 0;
    }

    private synchronized IOException lastFailure() {
        return this.lastFailure;
    }

    private synchronized Duration failed(IOException failure) {
        this.lastFailure = failure;
        this.failedRounds++;
        Duration delay = this.settings.reconnect().delay(this.failedRounds);
        this.notBeforeNanos = System.nanoTime() + delay.toNanos();
        return delay;
    }
}
