package io.asyncoro.net;

import java.util.Locale;

/**
 * Which kind of thread runs the {@linkplain Poller pollers}, chosen once per JVM by the system property
 * {@value #PROPERTY} ({@code platform} or {@code virtual}; see {@link #DEFAULT} for the default).
 *
 * <p>Why it matters: a poller on a virtual thread that finds nothing ready parks through the JDK's own poller, whose
 * thread then wakes ours, which reads and wakes the coroutine: two hand-offs per message at low load. A poller on a
 * platform thread blocks in {@code epoll_wait} itself, so a message costs one hand-off (ours to the coroutine's
 * carrier), at the price of an OS thread per poller and a context switch between it and the carrier. The
 * benchmarks run both ({@code library-platform}, {@code library-virtual}) against Netty in one run;
 * benchmarks/results/steps.md has the numbers.
 */
enum PollerThreads {

    /** Daemon platform threads that block in the selector themselves. */
    PLATFORM,

    /** Virtual threads: an empty select parks through the JDK's poller. */
    VIRTUAL;

    /** The system property that picks the kind. */
    static final String PROPERTY = "asyncoro.poller";

    /** The kind used when the property is not set. */
    // Virtual: in the one interleaved run that compared them (benchmarks/results/steps.md, 2026-12-01 poller kinds)
    // platform pollers cost 10-25 % more server CPU per message in closed-loop echo, and their open-loop
    // latency was no better on that (loaded) machine.
    static final PollerThreads DEFAULT = VIRTUAL;

    /** The kind the property names, or {@link #DEFAULT}; an unknown value is an error, not silently the default. */
    static PollerThreads configured() {
        return parse(System.getProperty(PROPERTY));
    }

    static PollerThreads parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "platform" -> PLATFORM;
            case "virtual" -> VIRTUAL;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + value + ": expected platform or virtual");
        };
    }

    /** A started thread of this kind running {@code loop}. */
    Thread start(String name, Runnable loop) {
        return switch (this) {
            case PLATFORM -> Thread.ofPlatform().name(name).daemon(true).start(loop);
            case VIRTUAL -> Thread.ofVirtual().name(name).start(loop);
        };
    }
}
