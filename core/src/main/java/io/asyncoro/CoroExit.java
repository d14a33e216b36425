package io.asyncoro;

/**
 * The message a monitoring coroutine receives when a coroutine it monitors ends (asyncoro's
 * {@code MonitorException}).
 *
 * @param coro the coroutine that ended
 * @param value its result when it returned normally, else {@code null}
 * @param failure why it failed, {@code null} when it returned normally; a {@link CoroTerminatedException}
 *        when it was terminated
 */
public record CoroExit(Coro<?> coro, Object value, Throwable failure) {

    /** Whether the coroutine returned normally. */
    public boolean succeeded() {
        return failure == null;
    }
}
