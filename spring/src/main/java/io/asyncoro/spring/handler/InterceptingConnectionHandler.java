package io.asyncoro.spring.handler;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.spring.connection.ConnectionInfo;
import io.asyncoro.spring.connection.ConnectionInterceptor;
import io.asyncoro.spring.event.ConnectionClosedEvent.Reason;
import io.asyncoro.spring.event.ConnectionEvents;

/**
 * Runs a server's {@link ConnectionInterceptor}s before its {@link AnnotatedConnectionHandler} and publishes
 * the connection events around it. Only put in front of the handler when there are interceptors or listeners.
 */
public final class InterceptingConnectionHandler implements ConnectionHandler {

    private static final Log logger = LogFactory.getLog(InterceptingConnectionHandler.class);

    private final String serverName;
    private final AnnotatedConnectionHandler delegate;
    private final ConnectionInterceptor[] interceptors;
    private final ConnectionEvents events;
    private final AtomicLong ids = new AtomicLong();

    /**
     * A handler in front of {@code delegate}.
     *
     * @param interceptors asked in order; the first refusal closes the connection
     */
    public InterceptingConnectionHandler(String serverName, AnnotatedConnectionHandler delegate,
            List<? extends ConnectionInterceptor> interceptors, ConnectionEvents events) {
        this.serverName = serverName;
        this.delegate = delegate;
        this.interceptors = interceptors.toArray(ConnectionInterceptor[]::new);
        this.events = events;
    }

    @Override
    public void handle(AsyncSocket socket) throws Exception {
        // The ids are made here, not by the delegate, so that interceptors and events see the id handlers get.
        String id = Long.toString(this.ids.incrementAndGet());
        ConnectionInfo info = new ConnectionInfo(this.serverName, id, socket.remoteAddress(), socket.localAddress());
        Reason reason = Reason.CLOSED;
        try {
            for (ConnectionInterceptor interceptor : this.interceptors) {
                if (!interceptor.accept(info)) {
                    logger.debug("[" + this.serverName + "] connection " + id + " from " + info.remoteAddress()
                            + " refused by " + interceptor);
                    reason = Reason.REJECTED;
                    return;
                }
            }
            this.events.opened(info);
            this.delegate.handle(socket, id);
        }
        catch (Exception | Error failure) {
            reason = this.events.failed(info, failure);
            throw failure;
        }
        finally {
            this.events.closed(info, reason);
        }
    }
}
