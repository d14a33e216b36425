package io.asyncoro.net;

/**
 * Told of the I/O an {@link AsyncSocket} does, for metrics. Called on the I/O path: implementations must be
 * cheap and must not block or throw.
 */
public interface IoListener {

    /** A listener that ignores everything. */
    IoListener NONE = new IoListener() {
    };

    /** {@code count} bytes were read from the connection (frame headers included; TLS records excluded). */
    default void bytesReceived(int count) {
    }

    /** {@code count} bytes were written to the connection (frame headers included; TLS records excluded). */
    default void bytesSent(int count) {
    }

    /** A whole message (frame, line or datagram) of {@code payloadLength} bytes was received. */
    default void messageReceived(int payloadLength) {
    }

    /** A whole message of {@code payloadLength} bytes was sent. */
    default void messageSent(int payloadLength) {
    }
}
