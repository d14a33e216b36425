package io.asyncoro.spring.event;

import org.springframework.context.ApplicationContext;

import io.asyncoro.net.MessageTooLargeException;
import io.asyncoro.net.TruncatedMessageException;
import io.asyncoro.net.codec.FramingException;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.spring.connection.ConnectionInfo;
import io.asyncoro.spring.event.ConnectionClosedEvent.Reason;

/**
 * Publishes the connection events that some listener takes, and nothing else: which types have listeners is
 * looked up once, when this is made (as the servers start, once every listener is registered).
 */
public final class ConnectionEvents {

    private final ApplicationContext context;
    private final boolean opened;
    private final boolean closed;
    private final boolean failed;
    private final boolean decodingFailed;

    /** The events {@code context}'s listeners take. */
    public ConnectionEvents(ApplicationContext context) {
        this.context = context;
        this.opened = EventListenerCheck.hasListener(context, ConnectionOpenedEvent.class);
        this.closed = EventListenerCheck.hasListener(context, ConnectionClosedEvent.class);
        this.failed = EventListenerCheck.hasListener(context, ConnectionFailedEvent.class);
        this.decodingFailed = EventListenerCheck.hasListener(context, DecodingFailedEvent.class);
    }

    /** Whether any connection event has a listener. */
    public boolean any() {
        return this.opened || this.closed || this.failed || this.decodingFailed;
    }

    /** A connection was let in. */
    public void opened(ConnectionInfo connection) {
        if (this.opened) {
            this.context.publishEvent(new ConnectionOpenedEvent(connection));
        }
    }

    /**
     * A connection's handler ended with {@code failure}.
     *
     * @return why the connection is closing
     */
    public Reason failed(ConnectionInfo connection, Throwable failure) {
        if (ErrorKind.classify(failure) == null) {
            // The server closed the socket itself (a stop): no failure of the connection's.
            return Reason.CLOSED;
        }
        if (isDecodingFailure(failure)) {
            if (this.decodingFailed) {
                this.context.publishEvent(new DecodingFailedEvent(connection, failure));
            }
            return Reason.DECODING_FAILED;
        }
        if (this.failed) {
            this.context.publishEvent(new ConnectionFailedEvent(connection, failure));
        }
        return Reason.FAILED;
    }

    /** A connection ended. */
    public void closed(ConnectionInfo connection, Reason reason) {
        if (this.closed) {
            this.context.publishEvent(new ConnectionClosedEvent(connection, reason));
        }
    }

    private static boolean isDecodingFailure(Throwable failure) {
        return failure instanceof FramingException || failure instanceof MessageTooLargeException
                || failure instanceof TruncatedMessageException;
    }
}
