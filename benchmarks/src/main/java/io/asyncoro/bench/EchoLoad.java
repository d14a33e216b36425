package io.asyncoro.bench;

import java.io.Closeable;
import java.io.IOException;

/**
 * A load client's connections to one listener: {@link LoadClient} (one selector thread, plain TCP or Unix
 * domain sockets) or {@link TlsLoadClient} (blocking TLS sockets, a virtual thread per connection).
 */
interface EchoLoad extends Closeable {

    /** Closed loop: {@code inFlight} messages outstanding per connection, for warm-up then the measured window. */
    LoadClient.Outcome closedLoop(int inFlight, long warmupNanos, long measureNanos, LoadClient.Window window)
            throws IOException;

    /** Open loop at {@code rate} messages per second in all. */
    LoadClient.Outcome openLoop(double rate, long warmupNanos, long measureNanos, LoadClient.Window window)
            throws IOException;

    /** Sends one message on every connection and waits (up to {@code timeoutNanos}) until every echo is back. */
    void echoOnce(long timeoutNanos) throws IOException;

    /** Closes every connection. */
    @Override
    void close();
}
