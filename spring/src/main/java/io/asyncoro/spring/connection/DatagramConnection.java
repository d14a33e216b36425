package io.asyncoro.spring.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.convert.PayloadConverters;

/**
 * The sender of one datagram on a UDP server, as an {@link AsyncConnection}: {@code send} answers it with a
 * datagram. UDP has no connection, so {@link #close()} does nothing and the id is the sender's address.
 */
public final class DatagramConnection implements AsyncConnection {

    private final String serverName;
    private final AsyncSocket socket;
    private final InetSocketAddress sender;
    private final PayloadConverters converters;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    /** The sender of a datagram received on {@code socket}. */
    public DatagramConnection(String serverName, AsyncSocket socket, InetSocketAddress sender,
            PayloadConverters converters) {
        this.serverName = serverName;
        this.socket = socket;
        this.sender = sender;
        this.converters = converters;
    }

    @Override
    public String serverName() {
        return this.serverName;
    }

    @Override
    public String id() {
        return this.sender.getHostString() + ":" + this.sender.getPort();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return this.sender;
    }

    @Override
    public InetSocketAddress localAddress() {
        return this.socket.localAddress();
    }

    @Override
    public Optional<Principal> peerPrincipal() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> attributes() {
        return this.attributes;
    }

    @Override
    public boolean send(byte[] message) {
        if (this.socket.isClosed()) {
            return false;
        }
        try {
            this.socket.sendTo(message, this.sender);
            return true;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public boolean send(Object message) {
        if (message instanceof byte[] bytes) {
            return send(bytes);
        }
        return send(this.converters.write(message));
    }

    @Override
    public boolean isOpen() {
        return !this.socket.isClosed();
    }

    @Override
    public void close() {
        // nothing to close: the server's socket is shared by every sender
    }
}
