package io.asyncoro.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

import io.asyncoro.net.proxy.ProxyHeader;
import io.asyncoro.net.proxy.ProxyHeaderReader;
import io.asyncoro.net.proxy.ProxyProtocolException;

/**
 * The step a connection behind a proxy takes before anything else, TLS included: reading the PROXY protocol
 * header (v1 or v2) the proxy put in front of the client's bytes, and from then on reporting the client the
 * header names as the socket's {@link AsyncSocket#remoteAddress()}. A header without addresses (a v2
 * {@code LOCAL} health check, v1 {@code UNKNOWN}) leaves the socket's own peer, the proxy, in place.
 *
 * <p>Over TLS the header is read before the handshake starts: on the poller from the ciphertext buffer the
 * handshake then unwraps from, and under an {@code SSLSocket} byte-exact from its TCP stream, so the ClientHello
 * that follows it is left for the handshake either way. A plain socket reads through its own
 * buffer: bytes after the header stay there for the handler.
 */
public final class ProxyProtocolHandshake {

    private ProxyProtocolHandshake() {
    }

    /**
     * Reads the header {@code socket} begins with, within {@code timeout} for the whole header (so a peer
     * trickling bytes cannot hold the connection longer), and makes the socket report the client.
     *
     * @throws ProxyProtocolException if the bytes are not a valid header or the stream ends inside one
     * @throws java.io.EOFException if the stream ends before the header's first byte
     * @throws SocketTimeoutException if the header is not complete in time
     * @throws IllegalStateException if the TLS handshake has already started
     */
    public static ProxyHeader perform(AsyncSocket socket, Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the header timeout must be positive: " + timeout);
        }
        ProxyHeader header;
        if (socket.transport() instanceof TlsEngineTransport engine) {
            header = engine.readProxyHeader(timeout);
        }
        else if (socket.transport() instanceof JdkSocketTransport jdk && jdk.isTls()) {
            header = readUnderTls(jdk, timeout);
        }
        else {
            header = ProxyHeaderReader.read(socket, timeout);
        }
        if (header.hasAddresses()) {
            socket.proxiedRemote(header.source());
        }
        return header;
    }

    private static ProxyHeader readUnderTls(JdkSocketTransport tls, Duration timeout) throws IOException {
        if (tls.tlsSession().isPresent()) {
            throw new IllegalStateException("the PROXY protocol header comes before the TLS handshake");
        }
        Socket plain = tls.plain();
        long deadline = System.nanoTime() + timeout.toNanos();
        tls.readLock.lock();
        try {
            return ProxyHeaderReader.read(new DeadlineInput(plain, deadline, timeout));
        }
        finally {
            try {
                // The transport reads with SO_TIMEOUT 0 until an operation sets its own; leave it as found.
                plain.setSoTimeout(0);
            }
            catch (IOException ignored) {
                // closed: the caller's next use reports it
            }
            tls.readLock.unlock();
        }
    }

    /**
     * The TCP socket's own stream with each read bounded by what is left of the header's time: SO_TIMEOUT alone
     * would restart for every byte of a trickled v1 line.
     */
    private static final class DeadlineInput extends FilterInputStream {

        private final Socket plain;
        private final long deadline;
        private final Duration timeout;

        DeadlineInput(Socket plain, long deadline, Duration timeout) throws IOException {
            super(plain.getInputStream());
            this.plain = plain;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no complete PROXY protocol header within " + timeout);
            }
            plain.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            try {
                return super.read(b, off, len);
            }
            catch (SocketTimeoutException ex) {
                SocketTimeoutException named = new SocketTimeoutException(
                        "no complete PROXY protocol header within " + timeout);
                named.initCause(ex);
                throw named;
            }
        }
    }
}
