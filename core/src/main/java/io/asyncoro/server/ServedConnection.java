package io.asyncoro.server;

import io.asyncoro.Coro;
import io.asyncoro.CoroBody;
import io.asyncoro.net.AsyncSocket;

/**
 * A connection being served: its socket, its coroutine and the admission slot it holds. It is also its
 * coroutine's body, so serving one costs one small object.
 */
final class ServedConnection implements CoroBody<Void> {

    private final AsyncSocket socket;
    private final ConnectionRunner runner;
    private volatile Coro<?> coro;
    // The accept loop's slot, replaced by the one taken after a PROXY protocol header; released once on close.
    private volatile Admission admission;

    ServedConnection(AsyncSocket socket, ConnectionRunner runner, Admission admission) {
        this.socket = socket;
        this.runner = runner;
        this.admission = admission;
    }

    AsyncSocket socket() {
        return socket;
    }

    Coro<?> coro() {
        return coro;
    }

    void coro(Coro<?> spawned) {
        coro = spawned;
    }

    void admission(Admission slot) {
        admission = slot;
    }

    /** Closes the socket and gives the admission slot back; idempotent. */
    void closeAndRelease() {
        socket.close();
        admission.close();
    }

    @Override
    public Void run(Coro<Void> self) {
        // Set here too, not only when spawn() returns: the handler may already be running (and stop() looking
        // for its coroutine to terminate) before the accept loop gets the Coro back.
        coro = self;
        runner.run(this);
        return null;
    }
}
