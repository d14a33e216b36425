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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.HdrHistogram.Recorder;

/**
 * The load client for TLS listeners: each connection is a blocking {@link SSLSocket} driven by its own virtual
 * thread (the JDK's TLS on both sides of every comparison, so the client's cost per message is the same whatever
 * the server). Closed loop only: {@code k} frames in flight per connection, every echoed byte checked, latency
 * from the frame's write. Handshakes happen at connect time, before any window opens.
 */
final class TlsLoadClient implements EchoLoad {

    private final Payload payload;
    private final List<Conn> conns = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Recorder latency = new Recorder(60_000_000_000L, 3);
    private final AtomicLong measured = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean measuring;
    private volatile boolean sending;

    private TlsLoadClient(Payload payload) {
        this.payload = payload;
    }

    /** Opens {@code connections} TLS 1.3 connections to 127.0.0.1:{@code port}, handshaking them in parallel. */
    static TlsLoadClient connect(int port, int connections, Payload payload) throws IOException {
        TlsLoadClient client = new TlsLoadClient(payload);
        try {
            SSLContext context = Tls.clientContext();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            List<Future<Conn>> opening = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int id = i;
                opening.add(client.threads.submit(() -> Conn.open(id, context, address, payload.unitLength())));
            }
            for (Future<Conn> f : opening) {
                client.conns.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        catch (Exception ex) {
            client.close();
            throw ex instanceof IOException io ? io : new IOException("TLS connect failed", ex);
        }
        return client;
    }

    @Override
    public LoadClient.Outcome closedLoop(int inFlight, long warmupNanos, long measureNanos, LoadClient.Window window)
            throws IOException {
        sending = true;
        List<Future<?>> loops = new ArrayList<>();
        for (Conn c : conns) {
            loops.add(threads.submit(() -> loop(c, inFlight)));
        }
        try {
            TimeUnit.NANOSECONDS.sleep(warmupNanos);
            window.opened();
            latency.reset();
            measured.set(0);
            measuring = true;
            long start = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(measureNanos);
            measuring = false;
            window.closed();
            long elapsed = System.nanoTime() - start;
            long count = measured.get();
            sending = false;
            for (Future<?> f : loops) {
                f.get(30, TimeUnit.SECONDS);
            }
            if (failure.get() != null) {
                throw new IOException("TLS load failed", failure.get());
            }
            return new LoadClient.Outcome(count, elapsed, latency.getIntervalHistogram());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        catch (Exception ex) {
            throw ex instanceof IOException io ? io : new IOException("TLS load failed", ex);
        }
    }

    @Override
    public LoadClient.Outcome openLoop(double rate, long warmupNanos, long measureNanos, LoadClient.Window window) {
        throw new UnsupportedOperationException("the TLS client runs closed loop only");
    }

    @Override
    public void echoOnce(long timeoutNanos) throws IOException {
        List<Future<?>> echoes = new ArrayList<>();
        for (Conn c : conns) {
            echoes.add(threads.submit(() -> {
                c.send(payload, System.nanoTime());
                c.receive(payload);
                return null;
            }));
        }
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            for (Future<?> f : echoes) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        catch (Exception ex) {
            throw new IOException("not every TLS connection echoed in time", ex);
        }
    }

    /** One connection's closed loop: keeps {@code inFlight} frames out until sending stops, then drains. */
    private Void loop(Conn c, int inFlight) {
        try {
            for (int i = 0; i < inFlight; i++) {
                c.send(payload, System.nanoTime());
            }
            c.flush();
            while (c.sent > c.received) {
                long rtt = c.receive(payload);
                if (measuring) {
                    latency.recordValue(rtt);
                    measured.incrementAndGet();
                }
                if (sending) {
                    c.send(payload, System.nanoTime());
                    c.flush();
                }
            }
        }
        catch (Throwable ex) {
            failure.compareAndSet(null, ex);
        }
        return null;
    }

    /** Closes every connection with a reset, so no port is left in TIME_WAIT. */
    @Override
    public void close() {
        for (Conn c : conns) {
            c.close();
        }
        threads.shutdownNow();
    }

    /** One TLS connection, used by one thread at a time. */
    private static final class Conn {
        final int id;
        final Socket plain;
        final DataInputStream in;
        final OutputStream out;
        final ByteBuffer tx;
        final byte[] rx;
        long[] sentAt = new long[16];
        long sent;
        long received;

        private Conn(int id, Socket plain, SSLSocket ssl, int unit) throws IOException {
            this.id = id;
            this.plain = plain;
            this.in = new DataInputStream(ssl.getInputStream());
            this.out = ssl.getOutputStream();
            this.tx = ByteBuffer.allocate(unit);
            this.rx = new byte[unit];
        }

        static Conn open(int id, SSLContext context, InetSocketAddress address, int unit) throws IOException {
            Socket plain = new Socket();
            try {
                plain.setTcpNoDelay(true);
                plain.setSoLinger(true, 0);
                plain.connect(address, 10_000);
                plain.setSoTimeout(30_000);
                SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost",
                        address.getPort(), true);
                ssl.setEnabledProtocols(new String[] { Tls.PROTOCOL });
                ssl.startHandshake();
                return new Conn(id, plain, ssl, unit);
            }
            catch (IOException | RuntimeException ex) {
                plain.close();
                throw ex;
            }
        }

        void send(Payload payload, long now) throws IOException {
            if (sent - received >= sentAt.length) {
                long[] bigger = new long[sentAt.length * 2];
                for (long j = received; j < sent; j++) {
                    bigger[(int) (j % bigger.length)] = sentAt[(int) (j % sentAt.length)];
                }
                sentAt = bigger;
            }
            sentAt[(int) (sent % sentAt.length)] = now;
            payload.put(tx.clear(), id, sent);
            out.write(tx.array(), 0, tx.position());
            sent++;
        }

        void flush() throws IOException {
            out.flush();
        }

        /** Reads and checks the next echo; returns its round trip in nanoseconds. */
        long receive(Payload payload) throws IOException {
            in.readFully(rx);
            payload.verify(rx, 0, rx.length, 0, id, received);
            long rtt = System.nanoTime() - sentAt[(int) (received % sentAt.length)];
            received++;
            return rtt;
        }

        void close() {
            try {
                plain.close();
            }
            catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
