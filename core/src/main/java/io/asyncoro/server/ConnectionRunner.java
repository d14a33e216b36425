package io.asyncoro.server;

import java.io.IOException;
import java.time.Duration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.IncompleteReadException;
import io.asyncoro.net.TruncatedMessageException;

/**
 * Serves one admitted connection in its coroutine: the PROXY protocol header and admission (see
 * {@link ConnectionGate}), the TLS handshake, the timeouts, the handler; then counts and logs how it ended.
 * One runner serves every connection of a server.
 */
final class ConnectionRunner {

    private final AsyncSocketServer server;
    private final String name;
    private final ConnectionGate gate;
    private final ServerObserver observer;
    private final ConnectionHandler handler;
    private final long maxMessageSize;
    private final Duration readIdleTimeout;
    private final Duration writeIdleTimeout;

    ConnectionRunner(AsyncSocketServer server, ConnectionGate gate, ServerObserver observer, ConnectionHandler handler,
            long maxMessageSize, Duration readIdleTimeout, Duration writeIdleTimeout) {
        this.server = server;
        this.name = server.name();
        this.gate = gate;
        this.observer = observer;
        this.handler = handler;
        this.maxMessageSize = maxMessageSize;
        this.readIdleTimeout = readIdleTimeout;
        this.writeIdleTimeout = writeIdleTimeout;
    }

    void run(ServedConnection connection) {
        AsyncSocket socket = connection.socket();
        if (gate.expectsHeader()) {
            Admission admission = gate.afterHeader(socket, () -> !server.isRunning());
            if (admission == null) {
                server.release(connection);
                return;
            }
            connection.admission(admission);
        }
        long opened = System.nanoTime();
        observer.connectionOpened(socket.remoteAddress());
        try {
            socket.setListener(observer);
            socket.setMaxMessageSize(maxMessageSize);
            if (!handshake(socket)) {
                return;
            }
            socket.setReadTimeout(readIdleTimeout);
            socket.setWriteTimeout(writeIdleTimeout);
            if (!server.isRunning()) {
                return;
            }
            handler.handle(socket);
        }
        catch (Throwable failure) {
            // After the grace period stop() closes the socket and interrupts the handler: what that makes the
            // handler throw is the server's doing, not the connection's error. So is a message cut short when a stop
            // ends the input between its bytes.
            boolean endedByStop = server.closedByStop() && socket.isClosed()
                    || !server.isRunning() && (failure instanceof TruncatedMessageException
                            || failure instanceof IncompleteReadException);
            ErrorKind kind = endedByStop ? null : ErrorKind.classify(failure);
            if (kind != null) {
                observer.error(kind, failure);
                // The peer's address is looked up only now: a parked connection should not hold it.
                FailureLog.connectionFailed(name, peer(socket), kind, failure);
            }
            if (failure instanceof Error error && !(failure instanceof StackOverflowError)) {
                throw error;
            }
        }
        finally {
            server.release(connection);
            observer.connectionClosed(Duration.ofNanos(System.nanoTime() - opened));
        }
    }

    private boolean handshake(AsyncSocket socket) {
        if (!socket.isTls()) {
            return true;
        }
        long start = System.nanoTime();
        try {
            socket.handshake();
            observer.tlsHandshake(Duration.ofNanos(System.nanoTime() - start), true);
            return true;
        }
        catch (IOException ex) {
            observer.tlsHandshake(Duration.ofNanos(System.nanoTime() - start), false);
            observer.connectionRejected(RejectReason.TLS);
            observer.error(ErrorKind.HANDSHAKE, ex);
            FailureLog.connectionFailed(name, peer(socket), ErrorKind.HANDSHAKE, ex);
            return false;
        }
    }

    /** The client as logs name it: the PROXY header's client, the TCP peer, or a Unix domain socket's path. */
    private static Object peer(AsyncSocket socket) {
        Object remote = socket.remoteAddress();
        return remote != null ? remote : socket.remoteSocketAddress();
    }
}
