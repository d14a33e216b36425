package io.asyncoro.examples.tut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.asyncoro.AsynCoro;
import io.asyncoro.CoroOptions;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.net.AsyncServerSocket;
import io.asyncoro.net.AsyncSocket;

/**
 * asyncoro's {@code tut_sock_server.py}: an accept loop in one coroutine and a coroutine per connection, which
 * reads until the request ends with {@code /}, closes the connection and counts the request. Typing
 * {@code quit} or {@code exit} (or ending the input) prints the count and stops.
 */
public final class TutSockServer implements Example {

    /** The port asyncoro's tutorial uses. */
    public static final int DEFAULT_PORT = 8010;

    private static final byte END_OF_REQUEST = '/';

    @Override
    public String name() {
        return "tut-sock-server";
    }

    @Override
    public String usage() {
        return "[host] [port]";
    }

    @Override
    public String summary() {
        return "tutorial server (default 127.0.0.1:" + DEFAULT_PORT + "): counts requests ending in '/'; type quit to stop";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(2, Set.of());
        String host = args.positional(0, "127.0.0.1");
        int port = args.positionalInt(1, DEFAULT_PORT);
        AtomicInteger n = new AtomicInteger();

        AsyncServerSocket sock = AsyncServerSocket.bind(new InetSocketAddress(host, port), 128);
        // A daemon coroutine, like asyncoro's coro.set_daemon(): it does not keep the program alive.
        AsynCoro.instance().spawn(new CoroOptions("tut-sock-server", true, false), self -> {
            while (!sock.isClosed()) {
                AsyncSocket conn;
                try {
                    conn = sock.accept();
                }
                catch (IOException ex) {
                    continue; // closed by quit (the loop ends), or one client's failure
                }
                AsynCoro.instance().spawn(client -> process(conn, n, io.out()));
            }
            return null;
        });
        io.out().println("tut-sock-server listening on " + host + ":" + sock.localPort() + "; type quit to stop");

        String cmd;
        while ((cmd = io.in().readLine()) != null) {
            cmd = cmd.strip().toLowerCase();
            if (cmd.equals("quit") || cmd.equals("exit")) {
                break;
            }
        }
        sock.close();
        io.out().println("n = " + n.get());
        return 0;
    }

    /** Serves one client: asyncoro's {@code process(conn)}. */
    private static Void process(AsyncSocket conn, AtomicInteger n, PrintStream out) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (conn) {
            while (true) {
                byte[] chunk = conn.recv(128);
                if (chunk.length == 0) {
                    // asyncoro would spin here forever; we give up on a request cut short.
                    out.println("incomplete request from " + conn.remoteAddress() + ": " + text(data));
                    return null;
                }
                data.write(chunk);
                if (chunk[chunk.length - 1] == END_OF_REQUEST) {
                    break;
                }
            }
        }
        n.incrementAndGet();
        out.println("received: " + text(data));
        return null;
    }

    private static String text(ByteArrayOutputStream data) {
        return data.toString(StandardCharsets.UTF_8);
    }
}
