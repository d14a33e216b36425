package io.asyncoro.server;

import java.time.Duration;

import io.asyncoro.net.AsyncSocket;

/**
 * The argument checks the server builders make, each failing at the call that set a bad value (with the setting
 * named), not later at {@code build()} or {@code start()}.
 */
final class BuilderChecks {

    private BuilderChecks() {
    }

    /** A port to bind: 0 (any free one) to 65535. */
    static int port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        return port;
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    static Duration nonNegative(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
        return duration;
    }

    /** A message size limit, up to the most asyncoro's 4-byte header can state. */
    static long maxMessageSize(long bytes) {
        if (bytes < 0 || bytes > AsyncSocket.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException(
                    "max message size must be between 0 and " + AsyncSocket.MAX_FRAME_LENGTH + ": " + bytes);
        }
        return bytes;
    }
}
