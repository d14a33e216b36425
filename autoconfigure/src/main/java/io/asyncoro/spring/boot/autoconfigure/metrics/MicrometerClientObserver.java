package io.asyncoro.spring.boot.autoconfigure.metrics;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.asyncoro.spring.client.ClientObserver;

/**
 * Counts what one client does into {@code asyncoro.client.*} meters tagged with the client's name. Every meter
 * is registered once, up front, so the I/O path only increments.
 */
public final class MicrometerClientObserver implements ClientObserver {

    private final Counter connects;
    private final Counter connectFailures;
    private final Timer requestsSucceeded;
    private final Timer requestsFailed;
    private final Counter bytesReceived;
    private final Counter bytesSent;

    /** The meters of client {@code clientName} in {@code registry}. */
    public MicrometerClientObserver(MeterRegistry registry, String clientName) {
        String tag = AsyncoroClientMeterNames.TAG_CLIENT;
        this.connects = Counter.builder(AsyncoroClientMeterNames.CONNECTS).tag(tag, clientName)
            .description("Connections opened, reconnections included").register(registry);
        this.connectFailures = Counter.builder(AsyncoroClientMeterNames.CONNECT_FAILURES).tag(tag, clientName)
            .description("Failed attempts to connect to one address").register(registry);
        this.requestsSucceeded = requests(registry, clientName, "success");
        this.requestsFailed = requests(registry, clientName, "failure");
        this.bytesReceived = Counter.builder(AsyncoroClientMeterNames.BYTES_RECEIVED).tag(tag, clientName)
            .baseUnit("bytes").description("Bytes read").register(registry);
        this.bytesSent = Counter.builder(AsyncoroClientMeterNames.BYTES_SENT).tag(tag, clientName)
            .baseUnit("bytes").description("Bytes written").register(registry);
    }

    private static Timer requests(MeterRegistry registry, String clientName, String outcome) {
        return Timer.builder(AsyncoroClientMeterNames.REQUESTS)
            .tag(AsyncoroClientMeterNames.TAG_CLIENT, clientName)
            .tag("outcome", outcome)
            .description("Requests and their latency")
            .register(registry);
    }

    @Override
    public void connected(InetSocketAddress address) {
        this.connects.increment();
    }

    @Override
    public void connectFailed(InetSocketAddress address, Throwable failure) {
        this.connectFailures.increment();
    }

    @Override
    public void requestCompleted(long nanos, boolean success) {
        (success ? this.requestsSucceeded : this.requestsFailed).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void bytesReceived(int count) {
        this.bytesReceived.increment(count);
    }

    @Override
    public void bytesSent(int count) {
        this.bytesSent.increment(count);
    }
}
