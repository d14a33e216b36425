package io.asyncoro.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import io.asyncoro.testsupport.Loopback;

/** An AsyncSocket on the polled or on the JDK-stream transport, and the plain loopback socket at the other end. */
record PeerPair(AsyncSocket socket, Socket peer) implements AutoCloseable {

    static PeerPair open(boolean polled) throws IOException {
        if (polled) {
            Loopback.RawPair raw = Loopback.rawPair();
            raw.peer().setTcpNoDelay(true);
            return new PeerPair(raw.socket(), raw.peer());
        }
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            peer.setTcpNoDelay(true);
            return new PeerPair(AsyncSocket.of(listener.accept()), peer);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        peer.close();
    }
}
