package io.asyncoro.examples.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import io.asyncoro.AsynCoro;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;

/**
 * asyncoro's {@code chat_sock_server.py} (its chat protocol). Messages are framed as
 * asyncoro's {@code send_msg} frames them. A client that connects gets {@code id: <n>} and the others
 * {@code <n> joined}; whatever it sends reaches the others as {@code <n> says: <text>}; when it closes or
 * half-closes, the others get {@code <n> left} and the server closes the connection.
 */
public final class ChatSockServer implements Example {

    /** The port asyncoro's chat uses. */
    public static final int DEFAULT_PORT = 1234;

    /** How long a leaving client's queued messages may take to go out before its connection is closed. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "chat-sock-server";
    }

    @Override
    public String usage() {
        return "[host] [port]";
    }

    @Override
    public String summary() {
        return "chat server (default all addresses, port " + DEFAULT_PORT + "); use with chat-sock-client";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(2, Set.of());
        String host = args.positional(0, "");
        int port = args.positionalInt(1, DEFAULT_PORT);
        AsyncSocketServer server = start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(2))));
        io.out().println("chat-sock-server listening on " + server.localAddress().getHostString() + ":"
                + server.localPort());
        server.awaitStop();
        return 0;
    }

    /**
     * Starts a chat server.
     *
     * @param host the address to listen on; empty for all, as in asyncoro
     * @param port the port; 0 for any free one
     */
    public static AsyncSocketServer start(String host, int port) throws IOException {
        ChatRoom room = new ChatRoom(AsynCoro.instance());
        AsyncSocketServer server = AsyncSocketServer.builder()
                .name("chat")
                .address(host.isEmpty() ? null : InetAddress.getByName(host))
                .port(port)
                .handler(sock -> serve(sock, room))
                .build();
        server.start();
        return server;
    }

    /** One client's coroutine: asyncoro's {@code client_proc}. */
    private static void serve(AsyncSocket conn, ChatRoom room) throws IOException, InterruptedException {
        ChatMember me = room.join(conn);
        try {
            // null: the client closed or half-closed on a message boundary
            for (byte[] line = conn.recvMsg(); line != null; line = conn.recvMsg()) {
                room.say(me, line);
            }
        }
        finally {
            room.leave(me);
            me.finish(DRAIN); // the server closes the connection when this handler returns
        }
    }
}
