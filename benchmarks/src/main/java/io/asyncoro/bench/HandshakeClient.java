package io.asyncoro.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS 1.3 full handshakes in a loop from a few threads: connect, handshake (verifying the server's
 * certificate), one framed echo checked byte for byte, close with a reset. Sessions are invalidated so none is
 * resumed.
 */
final class HandshakeClient {

    private final SSLContext context;
    private final InetSocketAddress address;
    private final Payload payload = new Payload(64, true);

    HandshakeClient(int port) throws Exception {
        this.context = Tls.clientContext();
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Runs {@code threads} loops; returns the handshakes completed inside the window. */
    LoadClient.Outcome run(int threads, long warmupNanos, long measureNanos, LoadClient.Window window)
            throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + warmupNanos + measureNanos;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().daemon(true).start(() -> {
                long n = 0;
                try {
                    while (System.nanoTime() < end && failure.get() == null) {
                        once(id, n++);
                        done.incrementAndGet();
                    }
                }
                catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            }));
        }
        Thread.sleep(warmupNanos / 1_000_000);
        window.opened();
        long before = done.get();
        long windowStart = System.nanoTime();
        Thread.sleep(measureNanos / 1_000_000);
        window.closed();
        long count = done.get() - before;
        long elapsed = System.nanoTime() - windowStart;
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new IOException("TLS client failed", failure.get());
        }
        return new LoadClient.Outcome(count, elapsed, null);
    }

    private void once(int connection, long message) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.setSoLinger(true, 0);
            plain.connect(address, 5000);
            plain.setSoTimeout(10_000);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", address.getPort(), true);
            ssl.setEnabledProtocols(new String[] { Tls.PROTOCOL });
            ssl.startHandshake();
            ByteBuffer out = ByteBuffer.allocate(payload.unitLength());
            payload.put(out, connection, message);
            OutputStream os = ssl.getOutputStream();
            os.write(out.array());
            os.flush();
            byte[] echo = new byte[payload.unitLength()];
            new DataInputStream(ssl.getInputStream()).readFully(echo);
            payload.verify(echo, 0, echo.length, 0, connection, message);
            ssl.getSession().invalidate();
        }
        finally {
            plain.close();
        }
    }
}
