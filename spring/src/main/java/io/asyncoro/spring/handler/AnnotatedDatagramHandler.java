package io.asyncoro.spring.handler;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;
import io.asyncoro.server.DatagramHandler;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.connection.DatagramConnection;
import io.asyncoro.spring.convert.PayloadConverters;

/** Serves each datagram of a UDP server through the controller's {@code @OnMessage}; a reply goes to the sender. */
public final class AnnotatedDatagramHandler implements DatagramHandler {

    private final String serverName;
    private final HandlerMethod onMessage;
    private final PayloadConverters converters;
    private final MessageInterceptorChain interceptors;

    /** A handler for one UDP server. */
    public AnnotatedDatagramHandler(String serverName, SocketControllerMethods controller,
            PayloadConverters converters, MessageInterceptorChain interceptors) {
        this.serverName = serverName;
        this.onMessage = controller.onMessage();
        this.converters = converters;
        this.interceptors = interceptors;
    }

    @Override
    public void handle(Datagram datagram, AsyncSocket socket) throws Exception {
        DatagramConnection sender = new DatagramConnection(this.serverName, socket, datagram.sender(),
                this.converters);
        Object result;
        try {
            result = this.interceptors.invoke(this.serverName, sender.id(),
                    () -> this.onMessage.invoke(sender, datagram.data(), null, socket, datagram.sender()));
        }
        catch (Exception ex) {
            // The server logs what it is given: never the exception's message, which may quote the datagram.
            throw HandlerFailure.rethrowWithoutInput("datagram to @OnMessage " + this.onMessage, ex);
        }
        if (result != null) {
            sender.send(result);
        }
    }
}
