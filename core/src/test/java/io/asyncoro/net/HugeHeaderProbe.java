package io.asyncoro.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.asyncoro.AsynCoro;

/**
 * Run in a JVM of its own with a small heap by {@link HugeHeaderForkedJvmTest}: two listeners, one with the
 * default message limit and one with the limit raised to the most a header can state. Each connection is
 * served by a coroutine that answers every message with its SHA-256 and reports on stdout how it ended. On
 * {@code HEAP} (stdin) it reports the heap in use after a collection; at the end of stdin it exits.
 */
public final class HugeHeaderProbe {

    private HugeHeaderProbe() {
    }

    public static void main(String[] args) throws Exception {
        AsynCoro asyncoro = new AsynCoro("probe");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AsyncServerSocket strict = AsyncServerSocket.bind(loopback, 50);
        AsyncServerSocket raised = AsyncServerSocket.bind(loopback, 50);
        acceptLoop(asyncoro, strict, AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE);
        acceptLoop(asyncoro, raised, AsyncSocket.MAX_FRAME_LENGTH);
        report("READY " + strict.localPort() + " " + raised.localPort() + " " + Runtime.getRuntime().maxMemory());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("HEAP")) {
                System.gc();
                Runtime rt = Runtime.getRuntime();
                report("HEAP " + (rt.totalMemory() - rt.freeMemory()));
            }
        }
        System.exit(0);
    }

    private static void acceptLoop(AsynCoro asyncoro, AsyncServerSocket listener, long limit) {
        asyncoro.spawn(self -> {
            while (true) {
                AsyncSocket socket = listener.accept();
                asyncoro.spawn(c -> {
                    serve(socket, limit);
                    return null;
                });
            }
        });
    }

    private static void serve(AsyncSocket socket, long limit) {
        int peer = socket.remoteAddress().getPort();
        try (socket) {
            socket.setMaxMessageSize(limit);
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
                socket.sendMsg(digest.getBytes());
                report(peer + " MSG " + message.length);
            }
            report(peer + " END");
        }
        catch (MessageTooLargeException ex) {
            report(peer + " TOO_LARGE " + ex.claimedLength() + " " + ex.maxLength());
        }
        catch (TruncatedMessageException ex) {
            report(peer + " TRUNCATED " + ex.expectedLength() + " " + ex.partial().length);
        }
        catch (IOException | java.security.GeneralSecurityException | RuntimeException ex) {
            report(peer + " FAILED " + ex);
        }
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
