package io.asyncoro.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A TCP connection used through a JDK socket's streams: blocking mode, meant for platform threads (plain, or TLS
 * through an {@link SSLSocket} layered over the plain socket), and any socket handed to {@link AsyncSocket#of}.
 * A read parks in the socket itself, bounded by {@code SO_TIMEOUT}; a write has no such bound, so a watchdog
 * closes the socket when a write overruns its deadline. (Coroutine TLS runs on {@link TlsEngineTransport}.)
 */
final class JdkSocketTransport extends StreamTransport {

    private static final long CLOSE_NOTIFY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    // The socket the streams come from (the SSLSocket for TLS) and the TCP socket under it (the same for plain).
    private final Socket socket;
    private final Socket plain;
    private final InputStream in;
    private final OutputStream out;
    private final Duration handshakeTimeout;
    private volatile boolean handshakeDone;
    // Guarded by readLock: the SO_TIMEOUT last set, to skip setting it again on every read.
    private int currentSoTimeout;

    JdkSocketTransport(Socket socket, Socket plain, Duration handshakeTimeout, SocketSettings settings)
            throws IOException {
        super(settings);
        this.socket = socket;
        this.plain = plain;
        this.handshakeTimeout = handshakeTimeout;
        this.handshakeDone = !(socket instanceof SSLSocket);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    // ---------------------------------------------------------------- TLS

    @Override
    public void handshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        SSLSocket ssl = (SSLSocket) socket;
        readLock.lock();
        try {
            if (handshakeDone) {
                return;
            }
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
            // SO_TIMEOUT bounds each read of the handshake, the watchdog the whole of it (and its writes).
            ScheduledFuture<?> watchdog = WriteWatchdog.schedule(this::abort, handshakeTimeout.toNanos());
            plain.setSoTimeout(millis);
            try {
                ssl.startHandshake();
            }
            catch (IOException ex) {
                if (writeTimedOut || ex instanceof SocketTimeoutException) {
                    throw SocketSettings.timeout("TLS handshake", handshakeTimeout.toNanos(), ex);
                }
                throw closedOr(ex, "TLS handshake");
            }
            finally {
                watchdog.cancel(false);
            }
            plain.setSoTimeout(0);
            currentSoTimeout = 0;
            handshakeDone = true;
        }
        finally {
            readLock.unlock();
        }
    }

    @Override
    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket ssl && handshakeDone ? Optional.ofNullable(ssl.getSession()) : Optional.empty();
    }

    /** The peer's certificate principal, if it presented a certificate. */
    static Optional<Principal> peerPrincipal(SSLSession session) {
        try {
            return Optional.ofNullable(session.getPeerPrincipal());
        }
        catch (SSLPeerUnverifiedException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- I/O

    @Override
    public boolean readsAhead() {
        return false;
    }

    @Override
    int readStream(byte[] dst, int offset, int length, long deadline) throws IOException {
        applyReadTimeout(deadline);
        return in.read(dst, offset, length);
    }

    private void applyReadTimeout(long deadline) throws IOException {
        int millis = 0;
        if (deadline != 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException();
            }
            millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
        if (millis != currentSoTimeout) {
            plain.setSoTimeout(millis);
            currentSoTimeout = millis;
        }
    }

    @Override
    ScheduledFuture<?> startWriteClock(long timeoutNanos) {
        // A JDK socket has no write timeout: a write still running at the deadline is ended by closing the socket
        // (after a partial write the stream is unusable anyway).
        return timeoutNanos == 0 ? null : WriteWatchdog.schedule(this::abortWrite, timeoutNanos);
    }

    @Override
    void writeFully(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
    }

    // ---------------------------------------------------------------- closing

    @Override
    void shutdownOutputNow() throws IOException {
        // Over TLS this sends close_notify.
        socket.shutdownOutput();
    }

    @Override
    void shutdownInputNow() throws IOException {
        if (!plain.isInputShutdown() && !plain.isClosed()) {
            plain.shutdownInput();
        }
    }

    @Override
    void sayGoodbye() {
        if (socket != plain && handshakeDone && writeLock.tryLock()) {
            // close_notify is polite, but a peer that does not read must not hold close() up; nor may a write in
            // progress, which is why the lock is only tried.
            ScheduledFuture<?> watchdog = WriteWatchdog.schedule(this::release, CLOSE_NOTIFY_TIMEOUT_NANOS);
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // the plain socket is closed after this either way
            }
            finally {
                watchdog.cancel(false);
                writeLock.unlock();
            }
        }
    }

    @Override
    boolean isOpen() {
        return !plain.isClosed();
    }

    @Override
    void release() {
        try {
            plain.close();
        }
        catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
    }

    @Override
    void resetOnClose() throws IOException {
        plain.setSoLinger(true, 0);
    }

    // ---------------------------------------------------------------- describing

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public String kind() {
        return isTls() ? "tls" : "tcp";
    }
}
