package io.asyncoro;

/**
 * Thrown by {@link Coro#value()} when the coroutine failed with a checked exception; the cause is that
 * exception. Unchecked failures are rethrown as they are.
 */
public class CoroFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Wraps the coroutine's checked failure. */
    public CoroFailedException(String coroName, Throwable cause) {
        super("coroutine '" + coroName + "' failed: " + cause, cause);
    }
}
