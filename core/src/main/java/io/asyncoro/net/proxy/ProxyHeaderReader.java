package io.asyncoro.net.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.IncompleteReadException;

/**
 * Reads a PROXY protocol header from a blocking stream, consuming exactly the header: the first byte after
 * it is the next thing the stream returns, so TLS or the application protocol can start right there.
 *
 * <p>It never asks for a byte that could lie past the header. A v2 header costs two reads (the 16-byte fixed
 * part, then the announced rest); a v1 line, whose end is only known from its CRLF, costs one read of 15 bytes
 * (the shortest valid line) and then reads of one or two bytes, a few dozen for the longest line. On an
 * {@link AsyncSocket} those are copies out of its own read buffer, not system calls.
 *
 * <p>After any exception the stream is somewhere inside the header: close the connection.
 */
public final class ProxyHeaderReader {

    /** Reads exactly {@code count} bytes into {@code into}, or fewer at the end of the stream; returns how many. */
    @FunctionalInterface
    private interface Source {
        int read(byte[] into, int offset, int count) throws IOException;
    }

    private ProxyHeaderReader() {
    }

    /**
     * Reads the header from {@code in}. Pass the socket's own stream, not a {@code BufferedInputStream}
     * around it (that would read ahead anyway); a read timeout is the socket's {@code SO_TIMEOUT}.
     *
     * @throws ProxyProtocolException if the bytes are not a valid header, or the stream ends inside one
     * @throws EOFException if the stream ends before its first byte (a port probe, say)
     */
    public static ProxyHeader read(InputStream in) throws IOException {
        return read(in::readNBytes);
    }

    /**
     * Reads the header from {@code socket} (a stream socket, before any TLS handshake).
     *
     * @param timeout how long the whole header may take, so a peer trickling bytes cannot hold the
     *        connection longer; zero or {@code null} leaves each read to the socket's own timeout. The
     *        socket's timeout is restored afterwards.
     * @throws ProxyProtocolException if the bytes are not a valid header, or the stream ends inside one
     * @throws EOFException if the stream ends before its first byte (a port probe, say)
     * @throws SocketTimeoutException if the header is not complete in time
     */
    public static ProxyHeader read(AsyncSocket socket, Duration timeout) throws IOException {
        if (timeout == null || timeout.isZero()) {
            return read((into, offset, count) -> recvAll(socket, into, offset, count));
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        Duration previous = socket.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return read((into, offset, count) -> {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("no complete PROXY protocol header within " + timeout);
                }
                socket.setReadTimeout(Duration.ofNanos(left));
                return recvAll(socket, into, offset, count);
            });
        }
        finally {
            socket.setReadTimeout(previous);
        }
    }

    private static int recvAll(AsyncSocket socket, byte[] into, int offset, int count) throws IOException {
        byte[] got;
        try {
            got = socket.recvAll(count);
        }
        catch (IncompleteReadException ex) {
            got = ex.partial();
        }
        System.arraycopy(got, 0, into, offset, got.length);
        return got.length;
    }

    private static ProxyHeader read(Source source) throws IOException {
        // The most the decoder accepts, plus the one byte a v1 reader may ask for past a 107-byte line.
        byte[] buffer = new byte[Math.max(ProxyProtocolDecoder.MAX_HEADER_LENGTH, ProxyV1.MAX_LENGTH + 1)];
        ByteBuffer view = ByteBuffer.wrap(buffer, 0, 0);
        while (true) {
            ProxyHeader header = ProxyProtocolDecoder.decode(view);
            if (header != null) {
                return header;
            }
            int have = view.limit();
            int want = ProxyProtocolDecoder.readAhead(view);
            int got = source.read(buffer, have, want);
            view.limit(have + got);
            if (got < want) {
                if (have + got == 0) {
                    throw new EOFException("connection closed before a PROXY protocol header");
                }
                // What did arrive may already be invalid, which is the more useful error.
                ProxyProtocolDecoder.decode(view);
                throw new ProxyProtocolException("connection closed inside a PROXY protocol header");
            }
        }
    }
}
