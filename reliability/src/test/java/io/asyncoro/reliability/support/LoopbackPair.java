package io.asyncoro.reliability.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import io.asyncoro.net.AsyncSocket;

/**
 * A raw client socket connected over loopback to an {@link AsyncSocket}: the test writes arbitrary bytes on the
 * raw side and watches what core's decoder makes of them on the other.
 */
public final class LoopbackPair implements AutoCloseable {

    private static final ServerSocket LISTENER = listen();

    private final Socket raw;
    private final AsyncSocket decoder;

    private LoopbackPair(Socket raw, AsyncSocket decoder) {
        this.raw = raw;
        this.decoder = decoder;
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Connects a new pair through one shared listener (pairs are opened one at a time per test thread). */
    public static synchronized LoopbackPair open() throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), LISTENER.getLocalPort()), 5000);
            LISTENER.setSoTimeout(5000);
            Socket accepted = LISTENER.accept();
            accepted.setSoLinger(true, 0);
            return new LoopbackPair(raw, AsyncSocket.of(accepted));
        }
        catch (IOException ex) {
            raw.close();
            throw ex;
        }
    }

    public Socket raw() {
        return raw;
    }

    public AsyncSocket decoder() {
        return decoder;
    }

    @Override
    public void close() throws IOException {
        decoder.close();
        raw.close();
    }
}
