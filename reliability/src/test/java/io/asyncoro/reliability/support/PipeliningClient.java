package io.asyncoro.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import io.asyncoro.net.AsyncSocket;

/**
 * A pipelining echo client for shutdown tests: one thread writes numbered, checksummed messages as fast as the
 * socket takes them, another reads the echoes and checks their order and contents, until the server ends the
 * stream. At most {@code window} messages are in flight: a client that sends without bound while reading
 * slower than the server writes is a slow consumer, which the starter's send queue rightly drops.
 */
public final class PipeliningClient {

    private final int id;
    private final AsyncSocket socket;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Semaphore window;
    private final Thread writer;
    private final Thread reader;
    private volatile boolean ended;
    private volatile boolean reset;

    public PipeliningClient(int id, AsyncSocket socket, int window) {
        this.id = id;
        this.socket = socket;
        this.window = new Semaphore(window);
        socket.setListener(new io.asyncoro.net.IoListener() {
            @Override
            public void bytesReceived(int count) {
                bytesIn.addAndGet(count);
            }
        });
        this.writer = Thread.ofPlatform().daemon().name("writer-" + id).start(this::write);
        this.reader = Thread.ofPlatform().daemon().name("reader-" + id).start(this::read);
    }

    public int id() {
        return id;
    }

    /** Echoes received, each checked. */
    public long replies() {
        return replies.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    /** Whether the connection ended with a reset rather than a clean end of stream. */
    public boolean endedByReset() {
        return reset;
    }

    /** A wrong echo or an unexpected error, or {@code null}. */
    public Throwable failure() {
        return failure.get();
    }

    private void write() {
        try {
            for (long seq = 0; !ended; seq++) {
                window.acquire();
                socket.sendMsg(message(id, seq));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException stoppedServer) {
            // the server stopped reading and closed: writing ends here
        }
    }

    private void read() {
        try {
            for (long seq = 0; ; seq++) {
                byte[] got = socket.recvMsg();
                if (got == null) {
                    return;
                }
                if (!ByteBuffer.wrap(message(id, seq)).equals(ByteBuffer.wrap(got))) {
                    throw new AssertionError("client " + id + " reply " + seq + " is wrong");
                }
                replies.incrementAndGet();
                window.release();
            }
        }
        catch (SocketException resetAfterTheLastReply) {
            // The server closed with this client's unread messages in its buffer, so it reset; the replies that
            // arrived before the reset were all read first.
            reset = true;
        }
        catch (Throwable ex) {
            failure.set(ex);
        }
        finally {
            ended = true;
            window.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Waits for both threads to end (the server closed), then closes the socket. */
    public void awaitEnd() throws InterruptedException {
        reader.join(20_000);
        writer.join(20_000);
        assertThat(reader.isAlive() || writer.isAlive()).as("client %d finished", id).isFalse();
        socket.close();
    }

    static byte[] message(int client, long seq) {
        ByteBuffer buffer = ByteBuffer.allocate(28);
        buffer.putInt(client).putLong(seq).putLong(seq * 31 + client);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, 20);
        buffer.putLong(crc.getValue());
        return buffer.array();
    }
}
