package io.asyncoro;

/** Thrown by {@link Coro#value()} for a coroutine that was terminated rather than returning. */
public class CoroTerminatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A termination notice naming the coroutine. */
    public CoroTerminatedException(String coroName) {
        super("coroutine '" + coroName + "' was terminated");
    }
}
