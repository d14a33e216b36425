package io.asyncoro.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outcome of {@link AdmissionControl#admit}: either a slot held for one connection, released by
 * {@link #close()} when the connection ends, or a refusal.
 *
 * <p>{@link #close()} is idempotent and a no-op for a refusal, so a server can call it from every path that
 * ends a connection (handler return, error, shutdown) without counting twice or leaking a slot.
 */
public final class Admission implements AutoCloseable {

    private final AdmissionRefusal refusal;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    private Admission(AdmissionRefusal refusal, Runnable release) {
        this.refusal = refusal;
        this.release = release;
    }

    static Admission admitted(Runnable release) {
        return new Admission(null, release);
    }

    static Admission refused(AdmissionRefusal refusal) {
        return new Admission(refusal, null);
    }

    /** Whether the connection may be served. */
    public boolean isAdmitted() {
        return refusal == null;
    }

    /** Why the connection was refused, or {@code null} if it was admitted. */
    public AdmissionRefusal refusal() {
        return refusal;
    }

    /** Gives the slot back; only the first call of an admitted connection does anything. */
    @Override
    public void close() {
        if (release != null && released.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return refusal == null ? "Admission[admitted]" : "Admission[refused: " + refusal.tag() + "]";
    }
}
