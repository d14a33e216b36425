package io.asyncoro.net;

/**
 * A reader's array waiting for the poller's bytes (see {@link PolledChannel#readInto}): the poller copies into it
 * straight from its own buffer, so a large payload is not allocated and copied a second time as a chunk. The
 * fields are guarded by the owning channel's monitor, which also guards its queue: whether bytes go here or to
 * the queue is decided in one step.
 */
final class DirectRead {
    final byte[] array;
    final int offset;
    final int length;
    int filled;

    DirectRead(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }
}
