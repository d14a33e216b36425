package io.asyncoro.examples.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SocketClosedException;

/**
 * asyncoro's {@code chat_sock_client.py}: a coroutine prints every message from the server while the main
 * thread sends each line typed as a message. {@code quit}, {@code exit} or the end of input half-closes the
 * connection; the client then waits for the server to close it.
 */
public final class ChatSockClient implements Example {

    /** How long to wait for the server to close the connection after we half-closed it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "chat-sock-client";
    }

    @Override
    public String usage() {
        return "[host] [port]";
    }

    @Override
    public String summary() {
        return "chat client (default 127.0.0.1:" + ChatSockServer.DEFAULT_PORT
                + "): prints what others say, sends each line typed; quit or exit leaves";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(2, Set.of());
        String host = args.positional(0, "127.0.0.1");
        int port = args.positionalInt(1, ChatSockServer.DEFAULT_PORT);

        try (AsyncSocket sock = AsyncSocket.connect(host, port)) {
            // asyncoro's client_recv: runs until the server closes the connection.
            Coro<Void> receiver = AsynCoro.instance().spawn("chat-recv", self -> {
                try {
                    for (byte[] line = sock.recvMsg(); line != null; line = sock.recvMsg()) {
                        io.out().println(new String(line, StandardCharsets.UTF_8));
                    }
                }
                catch (SocketClosedException ex) {
                    // we closed it ourselves after giving up waiting
                }
                return null;
            });

            String line;
            while ((line = io.in().readLine()) != null) {
                line = line.strip();
                if (line.equalsIgnoreCase("quit") || line.equalsIgnoreCase("exit")) {
                    break;
                }
                if (!line.isEmpty()) { // asyncoro's server took an empty message for leaving
                    sock.sendMsg(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            sock.shutdownOutput();
            try {
                receiver.value(CLOSE_WAIT);
            }
            catch (TimeoutException ex) {
                io.err().println("the server did not close the connection within " + CLOSE_WAIT.toSeconds() + " s");
                return 1;
            }
        }
        return 0;
    }
}
