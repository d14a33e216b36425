package io.asyncoro.spring.boot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;

/**
 * The meters of one running server, registered together and removed together. Only the byte counters have a base
 * unit: a unit on the others would only repeat their name in Prometheus ({@code _connections_total}). The tagged counters are
 * registered for every reason and kind up front, indexed by the enum's ordinal, so that a scrape shows zeros
 * rather than missing series and the I/O path never builds a tag.
 */
final class ServerMeters {

    private static final RejectReason[] REASONS = RejectReason.values();

    private static final ErrorKind[] KINDS = ErrorKind.values();

    final Counter accepted;

    final Counter[] rejected;

    final Timer duration;

    final Counter bytesReceived;

    final Counter bytesSent;

    final Counter messagesReceived;

    final Counter messagesSent;

    final Counter[] errors;

    /** {@code null} for a plain server. */
    final Timer handshakeSuccess;

    /** {@code null} for a plain server. */
    final Timer handshakeFailure;

    private final List<Meter> all;

    private ServerMeters(MeterRegistry registry, String serverName, AsyncSocketServerInfo server) {
        Tags tags = Tags.of(AsyncoroMeterNames.TAG_SERVER, serverName);
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder(AsyncoroMeterNames.CONNECTIONS_ACTIVE, server, AsyncSocketServerInfo::activeConnections)
            .tags(tags)
            .description("Connections open now")
            .strongReference(true)
            .register(registry));
        this.accepted = add(meters, Counter.builder(AsyncoroMeterNames.CONNECTIONS_ACCEPTED)
            .tags(tags)
            .description("Connections accepted and served")
            .register(registry));
        this.rejected = new Counter[REASONS.length];
        for (RejectReason reason : REASONS) {
            this.rejected[reason.ordinal()] = add(meters, Counter.builder(AsyncoroMeterNames.CONNECTIONS_REJECTED)
                .tags(tags)
                .tag(AsyncoroMeterNames.TAG_REASON, reason.tag())
                .description("Connections refused or dropped by the server")
                .register(registry));
        }
        this.duration = add(meters, Timer.builder(AsyncoroMeterNames.CONNECTION_DURATION)
            .tags(tags)
            .description("How long connections stayed open")
            .register(registry));
        this.bytesReceived = add(meters, Counter.builder(AsyncoroMeterNames.BYTES_RECEIVED)
            .tags(tags)
            .description("Bytes read from connections, frame headers included, TLS overhead excluded")
            .baseUnit("bytes")
            .register(registry));
        this.bytesSent = add(meters, Counter.builder(AsyncoroMeterNames.BYTES_SENT)
            .tags(tags)
            .description("Bytes written to connections, frame headers included, TLS overhead excluded")
            .baseUnit("bytes")
            .register(registry));
        this.messagesReceived = add(meters, Counter.builder(AsyncoroMeterNames.MESSAGES_RECEIVED)
            .tags(tags)
            .description("Whole messages (frames, lines or datagrams) received")
            .register(registry));
        this.messagesSent = add(meters, Counter.builder(AsyncoroMeterNames.MESSAGES_SENT)
            .tags(tags)
            .description("Whole messages (frames, lines or datagrams) sent")
            .register(registry));
        this.errors = new Counter[KINDS.length];
        for (ErrorKind kind : KINDS) {
            this.errors[kind.ordinal()] = add(meters, Counter.builder(AsyncoroMeterNames.ERRORS)
                .tags(tags)
                .tag(AsyncoroMeterNames.TAG_KIND, kind.tag())
                .description("Connection and accept failures")
                .register(registry));
        }
        if (server.isTls()) {
            this.handshakeSuccess = add(meters, handshakeTimer(tags, "success").register(registry));
            this.handshakeFailure = add(meters, handshakeTimer(tags, "failure").register(registry));
        }
        else {
            // A plain server never reports a handshake: no empty handshake series for it.
            this.handshakeSuccess = null;
            this.handshakeFailure = null;
        }
        this.all = List.copyOf(meters);
    }

    private static Timer.Builder handshakeTimer(Tags tags, String outcome) {
        return Timer.builder(AsyncoroMeterNames.TLS_HANDSHAKE)
            .tags(tags)
            .tag(AsyncoroMeterNames.TAG_OUTCOME, outcome)
            .description("TLS handshakes of accepted connections");
    }

    private static <M extends Meter> M add(List<Meter> meters, M meter) {
        meters.add(meter);
        return meter;
    }

    /** Registers the meters of {@code server} under the tag {@code server=serverName}. */
    static ServerMeters register(MeterRegistry registry, String serverName, AsyncSocketServerInfo server) {
        return new ServerMeters(registry, serverName, server);
    }

    /** Removes every meter registered by {@link #register}. */
    void removeFrom(MeterRegistry registry) {
        for (Meter meter : this.all) {
            registry.remove(meter);
        }
    }
}
