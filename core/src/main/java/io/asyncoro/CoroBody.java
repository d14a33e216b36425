package io.asyncoro;

/**
 * The body of a coroutine: what asyncoro wrote as a generator function taking {@code coro=None}.
 * Blocking calls inside it (socket I/O, {@link Coro#receive()}, {@link Coro#sleep}) park the
 * virtual thread instead of yielding.
 *
 * @param <T> the coroutine's result type
 */
@FunctionalInterface
public interface CoroBody<T> {

    /**
     * Runs the coroutine.
     *
     * @param self the coroutine running this body, for {@link Coro#send}, {@link Coro#name()} and the like
     * @return the coroutine's value, returned by {@link Coro#value()}
     * @throws Exception any failure; {@link Coro#value()} rethrows it
     */
    T run(Coro<T> self) throws Exception;
}
