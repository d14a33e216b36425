package io.asyncoro.spring.handler;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.connection.MessageFraming;
import io.asyncoro.spring.connection.MessageReader;
import io.asyncoro.spring.connection.QueuedAsyncConnection;
import io.asyncoro.spring.connection.SendQueueLimits;
import io.asyncoro.spring.convert.PayloadConversionException;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.convert.UnroutablePayloadException;
import io.asyncoro.spring.server.SocketServerSettings;

/**
 * Serves a TCP connection through a controller's methods: {@code @OnConnect}, then {@code @OnMessage} for
 * each message read in the server's framing (its reply queued), {@code @OnError} if the connection fails
 * (its return value is sent before the connection closes), and {@code @OnDisconnect} at the end. A message
 * that cannot be converted closes the connection unless an {@code @OnError} method takes the
 * {@link PayloadConversionException} and returns normally: then its return value is the reply and the
 * connection goes on. What the server logs of a failure never includes an exception's message (see
 * {@link HandlerFailure}). Runs in the connection's coroutine (or platform thread when
 * blocking); writes go through the connection's queue and writer.
 */
public final class AnnotatedConnectionHandler implements ConnectionHandler {

    private static final Log logger = LogFactory.getLog(AnnotatedConnectionHandler.class);

    private final String serverName;
    private final SocketControllerMethods controller;
    private final MessageFraming framing;
    private final SendQueueLimits sendQueueLimits;
    private final boolean blocking;
    private final Duration drainTimeout;
    private final ServerObserver observer;
    private final ConnectionRegistry registry;
    private final PayloadConverters converters;
    private final MessageInterceptorChain interceptors;
    private final AsynCoro asyncoro;
    private final AtomicLong ids = new AtomicLong();

    /** A handler for one server. */
    public AnnotatedConnectionHandler(SocketServerSettings settings, SocketControllerMethods controller, ServerObserver observer, ConnectionRegistry registry,
            PayloadConverters converters, MessageInterceptorChain interceptors, AsynCoro asyncoro) {
        this.serverName = settings.name();
        this.controller = controller;
        this.framing = settings.messageFraming();
        this.sendQueueLimits = settings.sendQueueLimits();
        this.blocking = settings.blocking();
        this.drainTimeout = settings.shutdownGracePeriod();
        this.observer = observer;
        this.registry = registry;
        this.converters = converters;
        this.interceptors = interceptors;
        this.asyncoro = asyncoro;
    }

    @Override
    public void handle(AsyncSocket socket) throws Exception {
        handle(socket, Long.toString(this.ids.incrementAndGet()));
    }

    /** Serves a connection whose id was given by whoever accepted it (an {@link InterceptingConnectionHandler}). */
    void handle(AsyncSocket socket, String id) throws Exception {
        HandlerMethod whole = this.controller.connectionHandler();
        QueuedAsyncConnection connection = new QueuedAsyncConnection(this.serverName, id, socket, this.framing,
                this.sendQueueLimits, this.observer, this.converters, this.asyncoro, this.blocking);
        this.registry.register(connection);
        try {
            if (whole != null) {
                whole.invoke(connection, null, null, socket, null);
            }
            else {
                serve(connection, socket);
            }
        }
        catch (Exception | Error failure) {
            // A HandlerFailure was already shown to @OnError (answerUnreadable) or never had one to show.
            if (!(failure instanceof HandlerFailure)) {
                notifyError(connection, failure);
            }
            throw HandlerFailure.rethrowWithoutInput("connection " + id, failure);
        }
        finally {
            this.registry.unregister(connection);
            connection.finish(this.drainTimeout);
            notifyDisconnect(connection);
        }
    }

    private void serve(QueuedAsyncConnection connection, AsyncSocket socket) throws Exception {
        HandlerMethod onConnect = this.controller.onConnect();
        if (onConnect != null) {
            reply(connection, onConnect.invoke(connection, null, null, socket, null));
        }
        HandlerMethod onMessage = this.controller.onMessage();
        MessageReader reader = this.framing.reader(socket);
        byte[] message;
        long count = 0;
        while ((message = reader.read()) != null) {
            count++;
            if (onMessage == null) {
                continue;
            }
            byte[] payload = message;
            Object result;
            try {
                result = this.interceptors.invoke(this.serverName, connection.id(),
                        () -> onMessage.invoke(connection, payload, null, socket, socket.remoteAddress()));
            }
            catch (PayloadConversionException ex) {
                // An unroutable payload (no @OnMessage method takes it) is one kind of unconvertible message.
                result = answerUnreadable(connection, count, ex);
            }
            reply(connection, result);
        }
    }

    /**
     * A message that could not be converted: an {@code @OnError} method that takes the failure answers it (its
     * return value is the reply) and, when it returns normally, the connection goes on with the next message.
     * Without one, or when it throws, the connection closes as for any handler failure.
     *
     * @return the {@code @OnError} method's reply, {@code null} for none
     */
    private Object answerUnreadable(QueuedAsyncConnection connection, long index, PayloadConversionException ex) {
        String where = "connection " + connection.id() + ", message " + index;
        HandlerMethod onError = this.controller.onError();
        if (onError == null || !onError.accepts(ex)) {
            throw (RuntimeException) HandlerFailure.withoutInput(where, ex);
        }
        Object answer;
        try {
            answer = onError.invoke(connection, null, ex, null, null);
        }
        catch (Exception failure) {
            throw HandlerFailure.describing(where + ", @OnError " + onError, failure);
        }
        Throwable counted = HandlerFailure.withoutInput(where, ex);
        this.observer.error(ErrorKind.HANDLER, counted);
        // DEBUG, not INFO: the application chose to keep such peers, so they may send many; the count shows them.
        if (logger.isDebugEnabled()) {
            logger.debug("[" + this.serverName + "] " + counted.getMessage() + "; answered by @OnError " + onError
                    + ", the connection stays open");
        }
        return answer;
    }

    private void reply(QueuedAsyncConnection connection, Object result) throws IOException {
        if (result != null) {
            connection.reply(result);
        }
    }


    private void notifyError(QueuedAsyncConnection connection, Throwable failure) {
        HandlerMethod onError = this.controller.onError();
        if (onError == null || ErrorKind.classify(failure) == null || !onError.accepts(failure)) {
            return;
        }
        try {
            Object answer = onError.invoke(connection, null, failure, null, null);
            if (answer != null) {
                // Queued: the connection's finish() writes it before the connection closes.
                connection.send(answer);
            }
        }
        catch (Exception ex) {
            logger.warn("[" + this.serverName + "] @OnError method " + onError + " failed",
                    HandlerFailure.describing("connection " + connection.id(), ex));
        }
    }

    private void notifyDisconnect(QueuedAsyncConnection connection) {
        HandlerMethod onDisconnect = this.controller.onDisconnect();
        if (onDisconnect == null) {
            return;
        }
        try {
            onDisconnect.invoke(connection, null, null, null, null);
        }
        catch (Exception ex) {
            logger.warn("[" + this.serverName + "] @OnDisconnect method " + onDisconnect + " failed",
                    HandlerFailure.describing("connection " + connection.id(), ex));
        }
    }
}
