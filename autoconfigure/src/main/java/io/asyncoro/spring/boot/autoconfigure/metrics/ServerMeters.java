package io.asyncoro.spring.boot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;

/**
 * The meters of one running server, registered together and removed together.
 *
 * <p>Counts live in {@link LongAdder}s that function counters read when the registry is scraped: the I/O path
 * pays one uncontended add, whatever the registry (a composite of several registries included), and never
 * builds a tag. The tagged counters exist for every reason and kind from the start, indexed by the enum's
 * ordinal, so that a scrape shows zeros rather than missing series. Only the byte counters have a base unit: a
 * unit on the others would merely repeat their name in Prometheus ({@code _connections_total}).
 */
final class ServerMeters {

    private static final RejectReason[] REASONS = RejectReason.values();

    private static final ErrorKind[] KINDS = ErrorKind.values();

    final LongAdder accepted = new LongAdder();

    final LongAdder[] rejected = adders(REASONS.length);

    final LongAdder bytesReceived = new LongAdder();

    final LongAdder bytesSent = new LongAdder();

    final LongAdder messagesReceived = new LongAdder();

    final LongAdder messagesSent = new LongAdder();

    final LongAdder[] errors = adders(KINDS.length);

    final Timer duration;

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
        meters.add(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, this.accepted, tags)
            .description("Connections admitted under the limit, before any TLS handshake")
            .register(registry));
        for (RejectReason reason : REASONS) {
            meters.add(counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, this.rejected[reason.ordinal()], tags)
                .tag(AsyncoroMeterNames.TAG_REASON, reason.tag())
                .description("Connections refused or dropped by the server")
                .register(registry));
        }
        this.duration = Timer.builder(AsyncoroMeterNames.CONNECTION_DURATION)
            .tags(tags)
            .description("How long connections stayed open")
            .register(registry);
        meters.add(this.duration);
        meters.add(counter(AsyncoroMeterNames.BYTES_RECEIVED, this.bytesReceived, tags)
            .description("Bytes read from connections, frame headers included, TLS overhead excluded")
            .baseUnit("bytes")
            .register(registry));
        meters.add(counter(AsyncoroMeterNames.BYTES_SENT, this.bytesSent, tags)
            .description("Bytes written to connections, frame headers included, TLS overhead excluded")
            .baseUnit("bytes")
            .register(registry));
        meters.add(counter(AsyncoroMeterNames.MESSAGES_RECEIVED, this.messagesReceived, tags)
            .description("Whole messages (frames, lines or datagrams) received")
            .register(registry));
        meters.add(counter(AsyncoroMeterNames.MESSAGES_SENT, this.messagesSent, tags)
            .description("Whole messages (frames, lines or datagrams) sent")
            .register(registry));
        for (ErrorKind kind : KINDS) {
            meters.add(counter(AsyncoroMeterNames.ERRORS, this.errors[kind.ordinal()], tags)
                .tag(AsyncoroMeterNames.TAG_KIND, kind.tag())
                .description("Connection and accept failures")
                .register(registry));
        }
        if (server.isTls()) {
            this.handshakeSuccess = handshakeTimer(tags, "success").register(registry);
            this.handshakeFailure = handshakeTimer(tags, "failure").register(registry);
            meters.add(this.handshakeSuccess);
            meters.add(this.handshakeFailure);
        }
        else {
            // A plain server never reports a handshake: no empty handshake series for it.
            this.handshakeSuccess = null;
            this.handshakeFailure = null;
        }
        this.all = List.copyOf(meters);
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    // The function counter holds its adder weakly; this object holds it strongly for as long as the server runs.
    private static FunctionCounter.Builder<LongAdder> counter(String name, LongAdder adder, Tags tags) {
        return FunctionCounter.builder(name, adder, LongAdder::doubleValue).tags(tags);
    }

    private static Timer.Builder handshakeTimer(Tags tags, String outcome) {
        return Timer.builder(AsyncoroMeterNames.TLS_HANDSHAKE)
            .tags(tags)
            .tag(AsyncoroMeterNames.TAG_OUTCOME, outcome)
            .description("TLS handshakes of accepted connections");
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
