package io.asyncoro.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * asyncoro's notifier: a selector loop that reads every ready connection it watches and hands the bytes to the
 * coroutine waiting for them. Which kind of thread runs it is {@link PollerThreads}' choice (system property
 * {@code asyncoro.poller}).
 *
 * <p>Why not let each coroutine read its own socket, as a blocking JDK socket on a virtual thread does? Then every
 * message costs a read that finds nothing, a re-arm of the descriptor in epoll and a park; here a connection is
 * registered once, and a message costs one read here, one hand-off and the coroutine's own write. Measured on the
 * benchmark machine this was about a fifth less CPU per message (see benchmarks/results/steps.md).
 */
final class Poller {

    private static final int READ_CHUNK = 64 * 1024;

    private static final AtomicInteger NEXT = new AtomicInteger();

    // -Dasyncoro.poller.spins=N: non-blocking looks a virtual poller takes before a blocking select (default 0;
    // an experiment for open-loop latency, see benchmarks/results/steps.md).
    private static final int SPINS = Math.max(0, Integer.getInteger("asyncoro.poller.spins", 0));

    private final Selector selector;
    private final boolean virtual;

    private Poller(int index, PollerThreads threads) {
        try {
            this.selector = Selector.open();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot open a selector for the asyncoro poller", ex);
        }
        this.virtual = threads == PollerThreads.VIRTUAL;
        threads.start("asyncoro-poller-" + index, this::run);
    }

    /** The poller for a new connection: connections are spread over one poller per CPU. */
    static Poller next() {
        Poller[] all = Holder.POLLERS;
        return all[Math.floorMod(NEXT.getAndIncrement(), all.length)];
    }

    /** Watches {@code channel} (non-blocking) for reads from now on. */
    SelectionKey register(SocketChannel channel, PolledChannel connection) throws ClosedChannelException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
        selector.wakeup();
        return key;
    }

    /** Makes a change of interest made from another thread take effect now rather than at the next event. */
    void wakeup() {
        selector.wakeup();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_CHUNK);
        Consumer<SelectionKey> action = key -> ready(key, buffer);
        while (selector.isOpen()) {
            try {
                if (select(action) > 0 && virtual) {
                    // On a virtual thread, which shares a carrier with the coroutines it woke: let them run before
                    // looking again, so their replies go out sooner and the next select finds a batch instead of
                    // nothing (an empty select parks this thread through the JDK's own poller, a round trip per
                    // message at low load). A platform poller blocks in epoll itself and need not give way.
                    Thread.yield();
                }
            }
            catch (IOException | RuntimeException ex) {
                // A selector error is not a connection's: note it and go on watching the others.
                System.getLogger(Poller.class.getName()).log(System.Logger.Level.WARNING, "asyncoro poller: " + ex, ex);
            }
        }
    }

    // A virtual poller with spins set looks that many times without blocking (giving way to runnable coroutines in
    // between) before it blocks: a message that comes meanwhile is read without parking through the JDK's poller.
    private int select(Consumer<SelectionKey> action) throws IOException {
        if (virtual) {
            for (int i = 0; i < SPINS; i++) {
                int found = selector.selectNow(action);
                if (found > 0) {
                    return found;
                }
                Thread.yield();
            }
        }
        return selector.select(action);
    }

    private static void ready(SelectionKey key, ByteBuffer buffer) {
        PolledChannel connection = (PolledChannel) key.attachment();
        try {
            int ops = key.readyOps();
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                connection.writable(key);
            }
            if ((ops & SelectionKey.OP_READ) != 0) {
                connection.readable(key, buffer);
            }
        }
        catch (CancelledKeyException ex) {
            // closed while we looked: close() has woken its coroutines already
        }
    }

    private static final class Holder {
        static final Poller[] POLLERS = create();

        private static Poller[] create() {
            PollerThreads threads = PollerThreads.configured();
            Poller[] pollers = new Poller[Math.max(1, Runtime.getRuntime().availableProcessors())];
            for (int i = 0; i < pollers.length; i++) {
                pollers[i] = new Poller(i, threads);
            }
            return pollers;
        }
    }
}
