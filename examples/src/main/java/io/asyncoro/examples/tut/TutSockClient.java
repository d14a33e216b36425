package io.asyncoro.examples.tut;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.examples.UsageException;
import io.asyncoro.net.AsyncSocket;

/**
 * asyncoro's {@code tut_sock_client.py}: {@code n} client coroutines, each connecting to the tutorial server
 * and sending one request, {@code "<i>: ----.../"}, then closing.
 */
public final class TutSockClient implements Example {

    @Override
    public String name() {
        return "tut-sock-client";
    }

    @Override
    public String usage() {
        return "[n] [host] [port]";
    }

    @Override
    public String summary() {
        return "tutorial client: n coroutines (default 10) each send one request ending in '/' to tut-sock-server";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(3, Set.of());
        int n = args.positionalInt(0, 10);
        String host = args.positional(1, "127.0.0.1");
        int port = args.positionalInt(2, TutSockServer.DEFAULT_PORT);
        if (n < 0) {
            throw new UsageException("n must not be negative: " + n);
        }

        List<Coro<Void>> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            clients.add(AsynCoro.instance().spawn(self -> client(host, port, id)));
        }
        int sent = 0;
        for (Coro<Void> client : clients) {
            try {
                client.value();
                sent++;
            }
            catch (RuntimeException ex) {
                io.err().println(client.name() + " failed: " + (ex.getCause() != null ? ex.getCause() : ex));
            }
        }
        io.out().println("sent " + sent + " of " + n + " requests to " + host + ":" + port);
        return sent == n ? 0 : 1;
    }

    /** One client: asyncoro's {@code client(host, port, n)}. */
    private static Void client(String host, int port, int n) throws Exception {
        try (AsyncSocket sock = AsyncSocket.connect(host, port)) {
            String msg = n + ": " + "-".repeat(ThreadLocalRandom.current().nextInt(100, 301)) + "/";
            sock.sendAll(msg.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
