package io.asyncoro.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.net.AsyncSocket;

/**
 * The client side of {@link TenThousandConnectionsTest}, in a JVM of its own (one process cannot hold both
 * ends of 10,000 connections under the file descriptor limit). Opens every connection, and only once all are
 * open (each greeted by its own handler on the server) does each send its messages and check the echoes byte for byte; then prints one {@code RESULT} line.
 *
 * <p>Arguments: port, connections, messages per connection.
 */
public final class LoadClientMain {

    private LoadClientMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        // A burst of 10,000 SYNs would overflow the kernel's queues and leave connects waiting for retransmits.
        Semaphore connecting = new Semaphore(256);
        CountDownLatch allOpen = new CountDownLatch(connections);
        AtomicInteger ok = new AtomicInteger();
        AtomicLong echoed = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (AsynCoro asyncoro = new AsynCoro("load-client")) {
            Coro<?>[] coros = new Coro<?>[connections];
            for (int c = 0; c < connections; c++) {
                int id = c;
                coros[c] = asyncoro.spawn(self -> {
                    AsyncSocket socket;
                    connecting.acquire();
                    try {
                        socket = AsyncSocket.connect(server, Duration.ofSeconds(30));
                    }
                    catch (Exception ex) {
                        failures.add(id + " connect: " + ex);
                        allOpen.countDown();
                        return null;
                    }
                    finally {
                        connecting.release();
                    }
                    try (socket) {
                        socket.setTimeout(Duration.ofSeconds(60));
                        byte[] greeting = socket.recvMsg();
                        allOpen.countDown();
                        if (greeting == null || greeting.length != 0) {
                            failures.add(id + ": no greeting");
                            return null;
                        }
                        if (!allOpen.await(60, TimeUnit.SECONDS)) {
                            failures.add(id + ": not all connections opened in time");
                            return null;
                        }
                        for (int m = 0; m < messages; m++) {
                            byte[] payload = payload(id, m);
                            socket.sendMsg(payload);
                            byte[] reply = socket.recvMsg();
                            if (!Arrays.equals(payload, reply)) {
                                failures.add(id + ": message " + m + " came back different");
                                return null;
                            }
                            echoed.incrementAndGet();
                        }
                        socket.shutdownOutput();
                        if (socket.recvMsg() != null) {
                            failures.add(id + ": unexpected message after the last");
                            return null;
                        }
                        ok.incrementAndGet();
                    }
                    catch (Exception ex) {
                        failures.add(id + ": " + ex);
                    }
                    return null;
                });
            }
            allOpen.await();
            System.out.println("ALL_OPEN");
            System.out.flush();
            for (Coro<?> coro : coros) {
                coro.value();
            }
        }
        System.out.println("RESULT ok=" + ok.get() + " failed=" + failures.size() + " echoed=" + echoed.get()
                + " first-failures=" + failures.stream().limit(5).toList());
        System.out.flush();
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Each message differs in length and content by connection and number, so a mix-up cannot go unseen. */
    static byte[] payload(int connection, int message) {
        int length = 8 + (connection * 7 + message * 131) % 1500;
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (connection * 31 + message * 17 + i);
        }
        data[0] = (byte) (connection >>> 24);
        data[1] = (byte) (connection >>> 16);
        data[2] = (byte) (connection >>> 8);
        data[3] = (byte) connection;
        data[4] = (byte) message;
        return data;
    }
}
