package io.asyncoro.server;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroBody;
import io.asyncoro.CoroOptions;
import io.asyncoro.net.AsyncServerSocket;
import io.asyncoro.net.AsyncSocket;

/**
 * A server's accept loop, the body of its accept coroutine: takes each connection, applies the cheap checks (the
 * connection limit, {@link ConnectionGate#atAccept}) and spawns the connection's coroutine. Nothing here reads from
 * a connection, so a slow peer (a stalled TLS handshake, a PROXY protocol header that never comes) cannot hold up
 * the next accept.
 */
final class AcceptLoop implements CoroBody<Void> {

    private final String name;
    private final AsyncServerSocket listener;
    private final BooleanSupplier running;
    private final int maxConnections;
    private final ConnectionSet connections;
    private final ConnectionGate gate;
    private final ConnectionRunner runner;
    private final ServerObserver observer;
    private final AsynCoro asyncoro;
    // One options object, and so one name ("<server>-connection"), for every connection's coroutine: a
    // generated name per connection would cost a String on each.
    private final CoroOptions connectionCoro;

    AcceptLoop(String name, AsyncServerSocket listener, BooleanSupplier running, int maxConnections,
            ConnectionSet connections, ConnectionGate gate, ConnectionRunner runner, ServerObserver observer,
            AsynCoro asyncoro, CoroOptions connectionCoro) {
        this.name = name;
        this.listener = listener;
        this.running = running;
        this.maxConnections = maxConnections;
        this.connections = connections;
        this.gate = gate;
        this.runner = runner;
        this.observer = observer;
        this.asyncoro = asyncoro;
        this.connectionCoro = connectionCoro;
    }

    @Override
    public Void run(Coro<Void> self) {
        while (running.getAsBoolean()) {
            AsyncSocket socket;
            try {
                socket = listener.acceptPending();
            }
            catch (IOException ex) {
                if (!running.getAsBoolean() || listener.isClosed()) {
                    return null;
                }
                observer.error(ErrorKind.ACCEPT, ex);
                FailureLog.connectionFailed(name, "accept", ErrorKind.ACCEPT, ex);
                pauseAfterAcceptFailure();
                continue;
            }
            catch (RuntimeException ex) {
                observer.error(ErrorKind.ACCEPT, ex);
                FailureLog.connectionFailed(name, "accept", ErrorKind.ACCEPT, ex);
                continue;
            }
            if (connections.active() >= maxConnections) {
                observer.connectionRejected(RejectReason.MAX_CONNECTIONS);
                FailureLog.debug("[" + name + "] refused a connection: " + maxConnections + " already open");
                socket.close();
                continue;
            }
            Admission slot = gate.atAccept(socket);
            if (slot != null) {
                serve(socket, slot);
            }
        }
        return null;
    }

    private static void pauseAfterAcceptFailure() {
        // Out of file descriptors accept fails at once, again and again: back off rather than spin.
        try {
            Thread.sleep(10);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(AsyncSocket socket, Admission slot) {
        ServedConnection connection = new ServedConnection(socket, runner, slot);
        connections.add(connection);
        try {
            connection.coro(asyncoro.spawn(connectionCoro, connection));
        }
        catch (RuntimeException ex) {
            // The scheduler is closing: this connection cannot be served.
            connections.release(connection);
            observer.connectionRejected(RejectReason.SHUTDOWN);
        }
    }
}
