package io.asyncoro.spring.handler;

import java.io.IOException;

import io.asyncoro.spring.convert.PayloadConversionException;

/**
 * What the server is told (and logs, once) when a handler fails: where it failed and the failure's class, with
 * the failure's stack trace but never its message, since an application's exception text often quotes the
 * input (for example {@code For input string: "..."}). A conversion failure built by
 * {@link PayloadConversionException#unreadable} keeps its message: target type and position only. The
 * {@code @OnError} method gets the original exception, message and cause included.
 */
final class HandlerFailure extends RuntimeException {

    private HandlerFailure(String message, Throwable failure) {
        super(message, null, false, true);
        // The trace shows where it failed (logged at DEBUG only); no cause, whose message could quote input.
        setStackTrace(failure.getStackTrace());
    }

    /**
     * The failure to hand to the server: I/O errors and {@link Error}s as they are (the server classifies and
     * counts them; their text is the JDK's), anything else described without its message.
     *
     * @param where for example {@code connection 7, message 3}
     */
    static Throwable withoutInput(String where, Throwable failure) {
        if (failure instanceof IOException || failure instanceof Error || failure instanceof HandlerFailure) {
            return failure;
        }
        String what = (failure instanceof PayloadConversionException conversion
                && conversion.isDescribedWithoutPayload()) ? conversion.getMessage()
                        : "threw " + failure.getClass().getName() + " (its message is not logged: it may quote input)";
        return new HandlerFailure(where + ": " + what, failure);
    }

    /** {@code failure} described without its message, whatever its type (a failure of an {@code @OnError} method). */
    static HandlerFailure describing(String where, Throwable failure) {
        return new HandlerFailure(where + ": threw " + failure.getClass().getName()
                + " (its message is not logged: it may quote input)", failure);
    }

    /** Rethrows {@link #withoutInput} of {@code failure}. */
    static Exception rethrowWithoutInput(String where, Throwable failure) throws Exception {
        Throwable safe = withoutInput(where, failure);
        if (safe instanceof Error error) {
            throw error;
        }
        throw (Exception) safe;
    }
}
