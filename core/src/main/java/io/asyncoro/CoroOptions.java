package io.asyncoro;

/**
 * How a coroutine is started.
 *
 * @param name a name for logs and {@link AsynCoro#names()}; {@code null} takes a generated one
 * @param daemon a daemon coroutine does not hold up {@link AsynCoro#close(java.time.Duration)}: it is
 *        terminated once the other coroutines are done, as asyncoro's daemon coroutines were
 * @param blocking run on a platform thread instead of a virtual one, for code that pins or blocks its
 *        carrier (native calls, long {@code synchronized} sections)
 */
public record CoroOptions(String name, boolean daemon, boolean blocking) {

    /** A non-daemon virtual-thread coroutine with a generated name. */
    public static final CoroOptions DEFAULT = new CoroOptions(null, false, false);

    /** These options with the given name. */
    public CoroOptions withName(String newName) {
        return new CoroOptions(newName, daemon, blocking);
    }

    /** These options as a daemon coroutine, or not. */
    public CoroOptions withDaemon(boolean newDaemon) {
        return new CoroOptions(name, newDaemon, blocking);
    }

    /** These options on a platform thread ({@code true}) or a virtual one. */
    public CoroOptions withBlocking(boolean newBlocking) {
        return new CoroOptions(name, daemon, newBlocking);
    }
}
