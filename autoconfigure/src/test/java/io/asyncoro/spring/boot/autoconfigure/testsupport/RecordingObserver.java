package io.asyncoro.spring.boot.autoconfigure.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.asyncoro.server.RejectReason;
import io.asyncoro.server.ServerObserver;

/** Records each connection a server rejected (or dropped, as a slow consumer), for tests. */
public final class RecordingObserver implements ServerObserver {

    /** The reasons, in order. */
    public final List<RejectReason> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void connectionRejected(RejectReason reason) {
        this.rejected.add(reason);
    }
}
