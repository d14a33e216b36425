package io.asyncoro.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Which {@link Transport} each way of making an {@link AsyncSocket} gets, with the setup it needs first, and which
 * kind each of the socket's operations needs. Kept out of the facade so that it only checks arguments and hands
 * calls on; every socket gets settings of its own.
 */
final class TransportKinds {

    private TransportKinds() {
    }

    /** A connected TCP socket handed in, plain or TLS already: {@link AsyncSocket#of} and blocking mode. */
    static Transport overStreams(Socket connected) throws IOException {
        return overStreams(connected, connected, TlsServerConfig.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** A connected JDK socket used through its streams, {@code plain} the TCP socket under {@code socket}. */
    private static Transport overStreams(Socket socket, Socket plain, Duration handshakeTimeout) throws IOException {
        return new JdkSocketTransport(socket, plain, handshakeTimeout, new SocketSettings());
    }

    /**
     * A TLS client connection with its handshake done and the server's certificate checked as {@code tls} says;
     * closed if either fails, since a caller that gets an exception has no socket to close.
     */
    static Transport tlsClient(InetSocketAddress address, Duration connectTimeout, TlsClientConfig tls)
            throws IOException {
        Transport transport = TlsEngineTransport.connect(address, connectTimeout, tls, new SocketSettings());
        try {
            transport.handshake();
            tls.checkPeerValidity(transport.tlsSession().orElseThrow());
            return transport;
        }
        catch (IOException | RuntimeException ex) {
            transport.close();
            throw ex;
        }
    }

    /** A UDP socket bound to {@code local}. */
    static Transport udp(InetSocketAddress local) throws IOException {
        return new UdpTransport(new DatagramSocket(local), new SocketSettings());
    }

    /** A socket a blocking-mode server accepted, TLS layered over it when {@code tls} is not {@code null}. */
    static Transport accepted(Socket plain, TlsServerConfig tls) throws IOException {
        plain.setTcpNoDelay(true);
        if (tls == null) {
            return overStreams(plain, plain, null);
        }
        return overStreams(tls.wrap(plain), plain, tls.handshakeTimeout());
    }

    /** A channel a server accepted, read by the poller, over TLS when {@code tls} is not {@code null}. */
    static Transport accepted(SocketChannel plain, TlsServerConfig tls) throws IOException {
        SocketSettings settings = new SocketSettings();
        return tls == null ? PolledTransport.accepted(plain, settings)
                : TlsEngineTransport.accepted(plain, tls, settings);
    }

    /** The stream transport for {@code op}, its TLS handshake done; UDP sockets have none. */
    static StreamTransport stream(Transport transport, String op) throws IOException {
        if (!(transport instanceof StreamTransport stream)) {
            throw new UnsupportedOperationException(op + " needs a TCP socket; this one is UDP (use sendTo/recvFrom)");
        }
        stream.handshake();
        return stream;
    }

    /** The UDP transport for {@code op}; stream sockets have none. */
    static UdpTransport datagram(Transport transport, String op) {
        if (!(transport instanceof UdpTransport udp)) {
            throw new UnsupportedOperationException(op + " needs a UDP socket; this one is TCP");
        }
        return udp;
    }

    /** The socket's {@code toString}: its kind and addresses. */
    static String describe(Transport transport) {
        if (transport instanceof UdpTransport) {
            return "AsyncSocket[udp " + transport.localAddress() + "]";
        }
        return "AsyncSocket[" + transport.kind() + " " + transport.localAddress() + " -> " + transport.remoteAddress()
                + (transport.isClosed() ? ", closed" : "") + "]";
    }
}
