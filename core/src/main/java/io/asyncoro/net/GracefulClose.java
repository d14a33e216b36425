package io.asyncoro.net;

import java.io.IOException;
import java.time.Duration;

/**
 * Ending a connection on a graceful stop with FIN rather than a reset, in two steps: {@link #endInput} when the
 * stop begins, so the handler finishes the message in hand and then sees end of stream, and {@link #close} when
 * the handler is done.
 *
 * <p>Why: a socket closed while the peer's bytes sit unread makes the kernel answer with a reset, and a reset
 * destroys the replies still in flight to a peer that keeps sending until it sees end of stream. So the input is
 * only ended for the handler, the kernel keeps taking the peer's bytes, and the close sends FIN after the last
 * reply and drops what the peer still sends until it closes too.
 *
 * <p>Polled sockets, plain and TLS, do all of this (over TLS the close sends close_notify before FIN). Blocking
 * mode and sockets wrapped from an {@code SSLSocket} are read by a blocked JDK stream call that only a real input
 * shutdown can wake, after which Java cannot read any more; for them {@code endInput} shuts the input down and
 * {@code close} closes after a short linger, as before.
 */
public final class GracefulClose {

    private GracefulClose() {
    }

    /** Ends the input for the socket's reader (a no-op for UDP and closed sockets). */
    public static void endInput(AsyncSocket socket) throws IOException {
        if (socket.transport() instanceof StreamTransport stream && !stream.isClosed()) {
            stream.endInput();
        }
    }

    /**
     * After {@link #endInput} and the handler: sends FIN after what was written, drops the peer's bytes until it
     * closes or {@code timeout} passes, then closes. Returns whether the peer closed in time.
     */
    public static boolean close(AsyncSocket socket, Duration timeout) {
        if (!(socket.transport() instanceof StreamTransport stream)) {
            socket.close();
            return false;
        }
        long nanos = Math.max(1, timeout.toNanos());
        return stream.closeGracefully(System.nanoTime() + nanos);
    }
}
