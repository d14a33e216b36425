package io.asyncoro.reliability.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.asyncoro.net.AsyncSocket;

/**
 * The soak's load, run in a JVM of its own so that client and server sockets do not share one process's
 * file-descriptor limit. Opens {@code connections} connections, has each exchange checksummed messages in
 * lock step (send one, check its echo) until the deadline, then half-close and expect a clean end of stream.
 * Prints one {@code SOAK-RESULT} line that {@link SoakTest} parses.
 *
 * <p>Arguments: {@code port connections durationSeconds maxBody}.
 */
public final class SoakClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder corrupted = new LongAdder();
    private final LongAdder mismatched = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final LongAdder failedConnections = new LongAdder();
    private final LongAdder uncleanEnds = new LongAdder();
    private final AtomicLong firstFailureReported = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        int maxBody = Integer.parseInt(args[3]);
        new SoakClient().run(port, connections, Duration.ofSeconds(seconds), maxBody);
    }

    private void run(int port, int connections, Duration duration, int maxBody) throws InterruptedException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        CountDownLatch allConnected = new CountDownLatch(connections);
        CountDownLatch done = new CountDownLatch(connections);
        // Connect at most this many at once, so the server's backlog is never the bottleneck being measured.
        Semaphore connecting = new Semaphore(64);
        long[] deadline = new long[1];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(connections);
        long rampStart = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            int id = i;
            threads.add(Thread.ofVirtual().name("soak-" + i).start(() -> {
                try {
                    connection(server, id, maxBody, connecting, allConnected, go, deadline);
                }
                finally {
                    done.countDown();
                }
            }));
        }
        allConnected.await();
        long rampMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rampStart);
        deadline[0] = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("SOAK-RESULT connections=%d seconds=%.1f rampMillis=%d sent=%d answered=%d corrupted=%d mismatched=%d"
                + " lost=%d failedConnects=%d failedConnections=%d uncleanEnds=%d messagesPerSecond=%.0f%n",
                connections, seconds, rampMillis, sent.sum(), answered.sum(), corrupted.sum(), mismatched.sum(), lost.sum(),
                failedConnects.sum(), failedConnections.sum(), uncleanEnds.sum(), answered.sum() / seconds);
        System.out.flush();
    }

    private void connection(InetSocketAddress server, int id, int maxBody, Semaphore connecting,
            CountDownLatch allConnected, CountDownLatch go, long[] deadline) {
        AsyncSocket socket;
        try {
            connecting.acquireUninterruptibly();
            try {
                socket = AsyncSocket.connect(server, TIMEOUT);
            }
            finally {
                connecting.release();
            }
            socket.setTimeout(TIMEOUT);
        }
        catch (IOException ex) {
            failedConnects.increment();
            report("connect " + id, ex);
            allConnected.countDown();
            return;
        }
        allConnected.countDown();
        boolean awaitingEcho = false;
        try (socket) {
            go.await();
            long seq = 0;
            while (System.nanoTime() < deadline[0]) {
                byte[] message = SoakMessages.create(id, seq++, maxBody);
                awaitingEcho = true;
                socket.sendMsg(message);
                sent.increment();
                byte[] echo = socket.recvMsg();
                awaitingEcho = false;
                if (echo == null) {
                    lost.increment();
                    failedConnections.increment();
                    return;
                }
                if (!SoakMessages.intact(echo)) {
                    corrupted.increment();
                }
                else if (!Arrays.equals(message, echo)) {
                    mismatched.increment();
                }
                else {
                    answered.increment();
                }
            }
            socket.shutdownOutput();
            if (socket.recvMsg() != null) {
                uncleanEnds.increment();
            }
        }
        catch (Exception ex) {
            if (awaitingEcho) {
                lost.increment();
            }
            failedConnections.increment();
            report("connection " + id, ex);
        }
    }

    private void report(String what, Exception ex) {
        if (firstFailureReported.getAndIncrement() < 5) {
            System.out.println("SOAK-FAILURE " + what + ": " + ex);
        }
    }
}
