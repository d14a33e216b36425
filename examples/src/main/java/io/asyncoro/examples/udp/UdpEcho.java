package io.asyncoro.examples.udp;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.examples.UsageException;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;

/**
 * asyncoro's {@code udp.py}, made an echo: a server coroutine answers every datagram ({@code recvFrom}, then
 * {@code sendTo} back to the sender) and {@code n} client coroutines each send one datagram from a socket of
 * their own and wait for its echo. UDP may lose datagrams, so a client tries again when no echo comes.
 */
public final class UdpEcho implements Example {

    private static final int MAX_DATAGRAM = 1024;
    private static final int ATTEMPTS = 3;
    private static final Duration ECHO_WAIT = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public String usage() {
        return "[n]";
    }

    @Override
    public String summary() {
        return "UDP echo server and n clients (default 10) in one process, with sendTo and recvFrom";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(1, Set.of());
        int n = args.positionalInt(0, 10);
        if (n < 0) {
            throw new UsageException("n must not be negative: " + n);
        }
        AsynCoro asyncoro = AsynCoro.instance();
        PrintStream out = io.out();

        AsyncSocket server = AsyncSocket.udp(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress serverAddress = server.localAddress();
        asyncoro.spawn("udp-server", self -> serve(server, out));
        out.println("udp server at " + serverAddress.getHostString() + ":" + serverAddress.getPort());

        List<Coro<Boolean>> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            clients.add(asyncoro.spawn("udp-client-" + i, self -> client(id, serverAddress, out)));
        }
        int echoed = 0;
        for (Coro<Boolean> client : clients) {
            if (client.value()) {
                echoed++;
            }
        }
        server.close(); // wakes the server coroutine from recvFrom
        out.println(echoed + " of " + n + " echoes received");
        return echoed == n ? 0 : 1;
    }

    /** asyncoro's {@code server_proc}, answering each datagram. */
    private static Void serve(AsyncSocket sock, PrintStream out) {
        try {
            while (true) {
                Datagram request = sock.recvFrom(MAX_DATAGRAM);
                out.println("server received \"" + text(request.data()) + "\" from " + request.sender().getHostString()
                        + ":" + request.sender().getPort());
                sock.sendTo(request.data(), request.sender());
            }
        }
        catch (IOException ex) {
            return null; // closed: the clients are done
        }
    }

    /** asyncoro's {@code client_proc}, waiting for the echo too. */
    private static boolean client(int id, InetSocketAddress server, PrintStream out) throws IOException {
        try (AsyncSocket sock = AsyncSocket.udp(new InetSocketAddress("127.0.0.1", 0))) {
            sock.setTimeout(ECHO_WAIT);
            byte[] msg = ("client " + id + " from port " + sock.localAddress().getPort()).getBytes(StandardCharsets.UTF_8);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                sock.sendTo(msg, server);
                try {
                    Datagram echo = sock.recvFrom(MAX_DATAGRAM);
                    if (Arrays.equals(echo.data(), msg)) {
                        out.println("client " + id + " got its echo: \"" + text(echo.data()) + "\"");
                        return true;
                    }
                }
                catch (SocketTimeoutException ex) {
                    out.println("client " + id + ": no echo after " + ECHO_WAIT.toMillis() + " ms (attempt " + attempt + ")");
                }
            }
            return false;
        }
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
