package io.asyncoro.examples.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeoutException;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.net.AsyncSocket;

/**
 * One chat client as the server sees it: its number, its socket and an outbox with a writer coroutine of its
 * own. asyncoro's server wrote to every client in turn from one coroutine, so one client that stopped reading
 * held up the whole room; here a broadcast only queues, and a client whose outbox fills up is disconnected.
 */
final class ChatMember {

    /** How many messages may wait for a client before it counts as too slow and is disconnected. */
    static final int OUTBOX_CAPACITY = 1024;

    /** Tells the writer to stop; compared by identity, so a real empty message is never mistaken for it. */
    private static final byte[] END = new byte[0];

    private final int id;
    private final AsyncSocket socket;
    private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(OUTBOX_CAPACITY);
    private volatile Coro<Void> writer;

    ChatMember(int id, AsyncSocket socket) {
        this.id = id;
        this.socket = socket;
    }

    int id() {
        return id;
    }

    /** Starts the writer coroutine. */
    void start(AsynCoro asyncoro) {
        writer = asyncoro.spawn("chat-writer-" + id, self -> {
            writeLoop();
            return null;
        });
    }

    private void writeLoop() throws InterruptedException {
        try {
            for (byte[] message = outbox.take(); message != END; message = outbox.take()) {
                socket.sendMsg(message);
            }
        }
        catch (IOException ex) {
            // The client is gone: closing wakes its reader, which then leaves the room.
            socket.close();
        }
    }

    /**
     * Queues a message for this client without waiting.
     *
     * @return {@code false} when the outbox was full: the client is then disconnected
     */
    boolean offer(byte[] message) {
        if (outbox.offer(message)) {
            return true;
        }
        socket.close();
        return false;
    }

    /** Lets the writer send what is queued, waiting at most {@code grace}, then stops it. */
    void finish(Duration grace) throws InterruptedException {
        if (!outbox.offer(END)) {
            socket.close();
        }
        try {
            writer.value(grace);
        }
        catch (TimeoutException ex) {
            socket.close(); // wakes a writer blocked on a client that does not read
            writer.terminate();
        }
    }
}
