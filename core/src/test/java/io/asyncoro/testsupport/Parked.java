package io.asyncoro.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/** Waits, without sleeping, until a thread is parked inside a given method (for "wakes a blocked caller" tests). */
public final class Parked {

    private Parked() {
    }

    /** Waits until the thread in {@code ref} is set and waiting with {@code method} on its stack. */
    public static void awaitParkedIn(AtomicReference<Thread> ref, String method) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            Thread t = ref.get();
            if (t == null) {
                return false;
            }
            Thread.State state = t.getState();
            boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || (!t.isVirtual() && state == Thread.State.RUNNABLE);
            return parked && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
        });
    }
}
