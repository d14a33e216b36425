package io.asyncoro.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;

/**
 * The load client: one thread and a selector drive every connection, so the client costs little per message
 * and the server is what is measured. Closed loop keeps {@code k} messages in flight per connection; open loop
 * sends at a fixed total rate with each connection at a random phase and measures latency from the intended send
 * time (so a stalled server is not hidden by the client waiting for it). Every echoed byte is checked.
 */
final class LoadClient implements EchoLoad {

    /** Called on the client thread when the measured window opens and closes (to sample the server's CPU). */
    interface Window {
        void opened();

        void closed();
    }

    /** What a run measured: completed echoes and their latencies within the window. */
    record Outcome(long messages, long windowNanos, Histogram latency) {
        double messagesPerSecond() {
            return messages * 1e9 / windowNanos;
        }
    }

    private static final int READ_CHUNK = 64 * 1024;

    private final Payload payload;
    private final int unit;
    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final ByteBuffer rx = ByteBuffer.allocate(READ_CHUNK);
    private final Histogram latency = new Histogram(60_000_000_000L, 3);

    private boolean measuring;
    private boolean sending;
    private long completed;
    private long measured;
    private long now;

    private LoadClient(Payload payload) throws IOException {
        this.payload = payload;
        this.unit = payload.unitLength();
        this.selector = Selector.open();
    }

    /** Opens {@code connections} connections to 127.0.0.1:{@code port}. */
    static LoadClient connect(int port, int connections, Payload payload) throws IOException {
        return connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), connections, payload);
    }

    /**
     * Opens {@code connections} connections to {@code address}: TCP (with {@code TCP_NODELAY}) for an
     * {@link InetSocketAddress}, a Unix domain socket for a {@link java.net.UnixDomainSocketAddress}.
     */
    static LoadClient connect(SocketAddress address, int connections, Payload payload) throws IOException {
        LoadClient client = new LoadClient(payload);
        boolean tcp = address instanceof InetSocketAddress;
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = tcp ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
                if (tcp) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                ch.connect(address);
                ch.configureBlocking(false);
                Conn conn = new Conn(i, ch, 2 * payload.unitLength());
                conn.key = ch.register(client.selector, SelectionKey.OP_READ, conn);
                client.conns.add(conn);
            }
        }
        catch (IOException | RuntimeException ex) {
            client.close();
            throw ex;
        }
        return client;
    }

    /** Closed loop: {@code inFlight} messages outstanding per connection, for warm-up then the measured window. */
    @Override
    public Outcome closedLoop(int inFlight, long warmupNanos, long measureNanos, Window window) throws IOException {
        now = System.nanoTime();
        sending = true;
        for (Conn c : conns) {
            for (int i = 0; i < inFlight; i++) {
                enqueue(c, now);
            }
            flush(c);
        }
        return drive(warmupNanos, measureNanos, window, 0, true);
    }

    /** Open loop: {@code rate} messages per second in all, evenly spread over the connections at random phases. */
    @Override
    public Outcome openLoop(double rate, long warmupNanos, long measureNanos, Window window) throws IOException {
        long interval = Math.round(conns.size() * 1e9 / rate);
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        for (Conn c : conns) {
            c.nextDue = start + random.nextLong(interval);
        }
        sending = true;
        return drive(warmupNanos, measureNanos, window, interval, false);
    }

    /** Sends one message on every connection and waits (up to {@code timeoutNanos}) until every echo is back. */
    @Override
    public void echoOnce(long timeoutNanos) throws IOException {
        now = System.nanoTime();
        long deadline = now + timeoutNanos;
        sending = false;
        long target = completed + conns.size();
        for (Conn c : conns) {
            enqueue(c, now);
            flush(c);
        }
        while (completed < target) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + (conns.size() - (target - completed)) + " of " + conns.size()
                        + " connections echoed in time");
            }
            selector.select(100);
            now = System.nanoTime();
            handleSelected();
        }
    }

    private Outcome drive(long warmupNanos, long measureNanos, Window window, long interval, boolean resend)
            throws IOException {
        long start = System.nanoTime();
        long windowStart = start + warmupNanos;
        long windowEnd = windowStart + measureNanos;
        sendOnEcho = resend;
        while (true) {
            now = System.nanoTime();
            if (!measuring && now >= windowStart && now < windowEnd) {
                window.opened();
                measuring = true;
                measured = 0;
                latency.reset();
                windowStart = System.nanoTime();
                windowEnd = windowStart + measureNanos;
            }
            if (now >= windowEnd) {
                window.closed();
                long elapsed = System.nanoTime() - windowStart;
                measuring = false;
                sending = false;
                return new Outcome(measured, elapsed, latency.copy());
            }
            long nextDue = Long.MAX_VALUE;
            if (interval > 0) {
                for (Conn c : conns) {
                    boolean added = false;
                    while (c.nextDue <= now) {
                        enqueue(c, c.nextDue);
                        c.nextDue += interval;
                        added = true;
                    }
                    if (added) {
                        flush(c);
                    }
                    nextDue = Math.min(nextDue, c.nextDue);
                }
            }
            long wait = Math.min(nextDue, measuring ? windowEnd : windowStart) - System.nanoTime();
            if (wait < 1_000_000) {
                selector.selectNow();
            }
            else {
                selector.select(Math.min(100, wait / 1_000_000));
            }
            now = System.nanoTime();
            handleSelected();
        }
    }

    private boolean sendOnEcho;

    private void handleSelected() throws IOException {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            if (key.isReadable()) {
                read(c);
            }
            if (key.isValid() && key.isWritable()) {
                flush(c);
            }
        }
    }

    private void read(Conn c) throws IOException {
        while (true) {
            rx.clear();
            int n = c.ch.read(rx);
            if (n < 0) {
                throw new IOException("server closed connection " + c.id + " after " + c.received + " echoes");
            }
            if (n == 0) {
                break;
            }
            consume(c, rx.array(), n);
            if (n < READ_CHUNK) {
                break;
            }
        }
        flush(c);
    }

    private void consume(Conn c, byte[] data, int n) {
        int off = 0;
        while (off < n) {
            int take = Math.min(n - off, unit - c.rxOffset);
            payload.verify(data, off, take, c.rxOffset, c.id, c.received);
            off += take;
            c.rxOffset += take;
            if (c.rxOffset == unit) {
                c.rxOffset = 0;
                long sentAt = c.sentAt[(int) (c.received & c.mask)];
                c.received++;
                completed++;
                if (measuring) {
                    measured++;
                    latency.recordValue(Math.max(0, now - sentAt));
                }
                if (sendOnEcho && sending) {
                    enqueue(c, now);
                }
            }
        }
    }

    private void enqueue(Conn c, long intendedAt) {
        if (c.sent - c.received > c.mask) {
            c.growRing();
        }
        c.sentAt[(int) (c.sent & c.mask)] = intendedAt;
        if (c.out.remaining() < unit) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(c.out.capacity() * 2, c.out.position() + unit));
            c.out.flip();
            bigger.put(c.out);
            c.out = bigger;
        }
        payload.put(c.out, c.id, c.sent);
        c.sent++;
    }

    private void flush(Conn c) throws IOException {
        if (c.out.position() > 0) {
            c.out.flip();
            c.ch.write(c.out);
            c.out.compact();
        }
        boolean pending = c.out.position() > 0;
        if (pending != c.wantsWrite) {
            c.wantsWrite = pending;
            c.key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    int connections() {
        return conns.size();
    }

    /** Closes every TCP connection with a reset, so no port is left in TIME_WAIT between runs. */
    @Override
    public void close() {
        for (Conn c : conns) {
            try {
                if (c.ch.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
                    c.ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                c.ch.close();
            }
            catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
    }

    private static final class Conn {
        final int id;
        final SocketChannel ch;
        SelectionKey key;
        ByteBuffer out;
        boolean wantsWrite;
        long sent;
        long received;
        int rxOffset;
        long nextDue;
        long[] sentAt = new long[16];
        int mask = 15;

        Conn(int id, SocketChannel ch, int outCapacity) {
            this.id = id;
            this.ch = ch;
            this.out = ByteBuffer.allocate(outCapacity);
        }

        void growRing() {
            long[] bigger = new long[sentAt.length * 2];
            for (long j = received; j < sent; j++) {
                bigger[(int) (j & (bigger.length - 1))] = sentAt[(int) (j & mask)];
            }
            sentAt = bigger;
            mask = bigger.length - 1;
        }
    }
}
