package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain TCP connection in non-blocking mode, read by a {@link Poller} and written by its own coroutine, which
 * parks only when the kernel's send buffer is full. What the poller reads waits for the connection's reader as
 * {@link PolledInput} says.
 *
 * <p>{@link #write} is called with the owning {@link AsyncSocket}'s write lock held: one writer at a time.
 */
final class PolledChannel extends PolledInput {

    private final SocketChannel channel;
    private final SelectionKey key;

    private volatile Thread writer;
    private volatile boolean writeReady;

    PolledChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.key = Poller.next().register(channel, this);
    }

    @Override
    SelectionKey key() {
        return key;
    }

    // ---------------------------------------------------------------- the poller's side

    /** Called by the poller: reads what is there into a chunk of exactly that size and wakes the reader. */
    void readable(SelectionKey selected, ByteBuffer buffer) {
        buffer.clear();
        int n;
        IOException failure = null;
        try {
            n = channel.read(buffer);
        }
        catch (IOException ex) {
            failure = ex;
            n = -1;
        }
        if (n > 0) {
            deliver(buffer.flip(), selected);
        }
        else if (n < 0) {
            ended(failure);
            selected.interestOpsAnd(~SelectionKey.OP_READ);
        }
        else {
            return;
        }
        wakeReader();
    }

    /** Called by the poller when a writer waits for room in the send buffer. */
    void writable(SelectionKey selected) {
        selected.interestOpsAnd(~SelectionKey.OP_WRITE);
        writeReady = true;
        LockSupport.unpark(writer);
    }

    // ---------------------------------------------------------------- the writer's side

    /**
     * Writes all of the bytes, parking while the send buffer is full.
     *
     * @throws SocketTimeoutException at the deadline (some bytes may have gone: the caller closes the socket)
     */
    void write(byte[] data, int offset, int length, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            channel.write(buffer);
            if (!buffer.hasRemaining()) {
                return;
            }
            writeReady = false;
            writer = Thread.currentThread();
            try {
                key.interestOpsOr(SelectionKey.OP_WRITE);
                key.selector().wakeup();
                while (!writeReady && !closed) {
                    DeadlinePark.park(deadline);
                }
            }
            catch (CancelledKeyException ex) {
                // closed: the write below reports it
            }
            finally {
                writer = null;
            }
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * After the channel closed: a registered channel's descriptor is only released by its selector's next
     * select, so the poller is woken for it; otherwise the peer of a quiet server would not see the close.
     */
    void released() {
        key.selector().wakeup();
    }

    /** Wakes both sides after the socket closed; neither parks again. */
    void closed() {
        closed = true;
        wakeReader();
        LockSupport.unpark(writer);
    }
}
