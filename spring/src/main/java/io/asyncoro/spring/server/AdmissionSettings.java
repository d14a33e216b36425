package io.asyncoro.spring.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who a TCP server admits and how long a connection may idle in one direction, carried from
 * {@code asyncoro.servers.<name>.*} to {@link AsyncSocketServerFactory}.
 *
 * @param allow CIDR ranges (for example {@code 10.0.0.0/8}, {@code ::1/128}) a peer must be in; empty for any
 * @param deny CIDR ranges whose peers are refused, checked before {@code allow}
 * @param maxConnectionsPerAddress the most connections one peer address may hold at once; 0 for no limit
 * @param readIdleTimeout how long a connection may go without receiving; {@link Duration#ZERO} for no limit
 * @param writeIdleTimeout how long a write may wait on the peer; {@link Duration#ZERO} for no limit
 */
public record AdmissionSettings(List<String> allow, List<String> deny, int maxConnectionsPerAddress,
        Duration readIdleTimeout, Duration writeIdleTimeout) {

    /** Everyone admitted, no per-address limit, no directional idle timeouts. */
    public static final AdmissionSettings NONE = new AdmissionSettings(List.of(), List.of(), 0, Duration.ZERO,
            Duration.ZERO);

    /** Copies the lists and checks the numbers. */
    public AdmissionSettings {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        Objects.requireNonNull(readIdleTimeout, "readIdleTimeout");
        Objects.requireNonNull(writeIdleTimeout, "writeIdleTimeout");
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative");
        }
        if (readIdleTimeout.isNegative() || writeIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeouts must not be negative");
        }
    }

    /** Whether any setting differs from {@link #NONE}. */
    public boolean restrictsAnything() {
        return !equals(NONE);
    }
}
