package io.asyncoro.spring.boot.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;

/**
 * Publishes one server's activity as Micrometer meters tagged {@code server=<name>}. The meters are registered
 * when the server starts and removed when it stops.
 *
 * <p>The I/O callbacks run on every read and write, so they only add to counters registered up front: no
 * registry lookup, no tag built, no allocation per call. Between a stop and the next start they do nothing.
 */
public final class MicrometerServerObserver implements ServerObserver {

    private final MeterRegistry registry;

    private final String serverName;

    /** The live meters; {@code null} while the server is not running. */
    private volatile ServerMeters meters;

    /**
     * An observer for one server.
     *
     * @param registry where the meters are registered
     * @param serverName the value of the {@code server} tag
     */
    public MicrometerServerObserver(MeterRegistry registry, String serverName) {
        this.registry = registry;
        this.serverName = serverName;
    }

    /** The value of the {@code server} tag. */
    public String serverName() {
        return this.serverName;
    }

    @Override
    public void serverStarted(AsyncSocketServerInfo server) {
        ServerMeters previous = this.meters;
        this.meters = ServerMeters.register(this.registry, this.serverName, server);
        if (previous != null) {
            previous.removeFrom(this.registry);
        }
    }

    @Override
    public void serverStopped(AsyncSocketServerInfo server) {
        ServerMeters current = this.meters;
        this.meters = null;
        if (current != null) {
            current.removeFrom(this.registry);
        }
    }

    @Override
    public void connectionOpened() {
        ServerMeters m = this.meters;
        if (m != null) {
            m.accepted.increment();
        }
    }

    @Override
    public void connectionClosed(Duration duration) {
        ServerMeters m = this.meters;
        if (m != null) {
            m.duration.record(duration);
        }
    }

    @Override
    public void connectionRejected(RejectReason reason) {
        ServerMeters m = this.meters;
        if (m != null && reason != null) {
            m.rejected[reason.ordinal()].increment();
        }
    }

    @Override
    public void tlsHandshake(Duration duration, boolean success) {
        ServerMeters m = this.meters;
        if (m != null) {
            Timer timer = success ? m.handshakeSuccess : m.handshakeFailure;
            if (timer != null) {
                timer.record(duration);
            }
        }
    }

    @Override
    public void error(ErrorKind kind, Throwable failure) {
        ServerMeters m = this.meters;
        if (m != null && kind != null) {
            m.errors[kind.ordinal()].increment();
        }
    }

    @Override
    public void bytesReceived(int count) {
        ServerMeters m = this.meters;
        if (m != null) {
            m.bytesReceived.add(count);
        }
    }

    @Override
    public void bytesSent(int count) {
        ServerMeters m = this.meters;
        if (m != null) {
            m.bytesSent.add(count);
        }
    }

    @Override
    public void messageReceived(int payloadLength) {
        ServerMeters m = this.meters;
        if (m != null) {
            m.messagesReceived.increment();
        }
    }

    @Override
    public void messageSent(int payloadLength) {
        ServerMeters m = this.meters;
        if (m != null) {
            m.messagesSent.increment();
        }
    }

    @Override
    public String toString() {
        return "MicrometerServerObserver[" + this.serverName + "]";
    }
}
