package io.asyncoro.reliability.support;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;

/** A {@link ServerObserver} that counts everything, for asserting what a server saw. */
public final class CountingObserver implements ServerObserver {

    private final Map<ErrorKind, AtomicLong> errors = new EnumMap<>(ErrorKind.class);
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong handshakesOk = new AtomicLong();
    private final AtomicLong handshakesFailed = new AtomicLong();

    public CountingObserver() {
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new AtomicLong());
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new AtomicLong());
        }
    }

    @Override
    public void connectionOpened() {
        opened.incrementAndGet();
    }

    @Override
    public void connectionClosed(Duration duration) {
        closed.incrementAndGet();
    }

    @Override
    public void connectionRejected(RejectReason reason) {
        rejected.get(reason).incrementAndGet();
    }

    @Override
    public void tlsHandshake(Duration duration, boolean success) {
        (success ? handshakesOk : handshakesFailed).incrementAndGet();
    }

    @Override
    public void error(ErrorKind kind, Throwable failure) {
        errors.get(kind).incrementAndGet();
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

    public long errors(ErrorKind kind) {
        return errors.get(kind).get();
    }

    public long totalErrors() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason).get();
    }

    public long opened() {
        return opened.get();
    }

    public long closed() {
        return closed.get();
    }

    public long messagesReceived() {
        return messagesReceived.get();
    }

    public long messagesSent() {
        return messagesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long handshakesOk() {
        return handshakesOk.get();
    }

    public long handshakesFailed() {
        return handshakesFailed.get();
    }

    @Override
    public String toString() {
        return "opened=" + opened + " closed=" + closed + " errors=" + errors + " rejected=" + rejected + " in="
                + messagesReceived + " out=" + messagesSent + " bytesIn=" + bytesReceived + " bytesOut=" + bytesSent;
    }
}
