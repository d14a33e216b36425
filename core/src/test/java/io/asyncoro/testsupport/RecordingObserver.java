package io.asyncoro.testsupport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;

/** A {@link ServerObserver} that counts everything it is told, for assertions. */
public final class RecordingObserver implements ServerObserver {

    public final AtomicInteger started = new AtomicInteger();
    public final AtomicInteger stopped = new AtomicInteger();
    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    public final AtomicInteger open = new AtomicInteger();
    public final AtomicInteger peakOpen = new AtomicInteger();
    public final AtomicInteger handshakesOk = new AtomicInteger();
    public final AtomicInteger handshakesFailed = new AtomicInteger();
    public final AtomicLong bytesReceived = new AtomicLong();
    public final AtomicLong bytesSent = new AtomicLong();
    public final AtomicLong messagesReceived = new AtomicLong();
    public final AtomicLong messagesSent = new AtomicLong();
    /** The addresses {@code connectionOpened(remote)} was told, in order. */
    public final List<InetSocketAddress> openedFrom = new CopyOnWriteArrayList<>();
    private final Map<RejectReason, AtomicInteger> rejected = new ConcurrentHashMap<>();
    private final Map<ErrorKind, AtomicInteger> errors = new ConcurrentHashMap<>();

    public int rejected(RejectReason reason) {
        AtomicInteger n = rejected.get(reason);
        return n == null ? 0 : n.get();
    }

    public int errors(ErrorKind kind) {
        AtomicInteger n = errors.get(kind);
        return n == null ? 0 : n.get();
    }

    public int allErrors() {
        return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Map<ErrorKind, AtomicInteger> errors() {
        return errors;
    }

    @Override
    public void serverStarted(AsyncSocketServerInfo server) {
        started.incrementAndGet();
    }

    @Override
    public void serverStopped(AsyncSocketServerInfo server) {
        stopped.incrementAndGet();
    }

    @Override
    public void connectionOpened() {
        opened.incrementAndGet();
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    @Override
    public void connectionOpened(InetSocketAddress remote) {
        openedFrom.add(remote);
        connectionOpened();
    }

    @Override
    public void connectionClosed(Duration duration) {
        open.decrementAndGet();
        closed.incrementAndGet();
    }

    @Override
    public void connectionRejected(RejectReason reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void tlsHandshake(Duration duration, boolean success) {
        (success ? handshakesOk : handshakesFailed).incrementAndGet();
    }

    @Override
    public void error(ErrorKind kind, Throwable failure) {
        errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void bytesReceived(int count) {
        bytesReceived.addAndGet(count);
    }

    @Override
    public void bytesSent(int count) {
        bytesSent.addAndGet(count);
    }

    @Override
    public void messageReceived(int payloadLength) {
        messagesReceived.incrementAndGet();
    }

    @Override
    public void messageSent(int payloadLength) {
        messagesSent.incrementAndGet();
    }

    @Override
    public String toString() {
        return "opened=" + opened + " closed=" + closed + " rejected=" + rejected + " errors=" + errors + " handshakes ok="
                + handshakesOk + " failed=" + handshakesFailed;
    }
}
