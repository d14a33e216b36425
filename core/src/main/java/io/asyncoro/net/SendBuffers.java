package io.asyncoro.net;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Arrays in which {@code sendMsg} joins a small frame's header and payload for one write, shared by every socket.
 * A socket borrows one for the length of a write and gives it back, so an idle connection holds none, and a busy
 * server reuses a few instead of allocating (and zeroing) a new array per message.
 *
 * <p>The pool is a fixed row of slots taken and filled by compare-and-set: no lock, no node allocated per use.
 * When every slot is empty a new array is made; when every slot is full a returned one is left to the collector,
 * so the pool never holds more than {@code SLOTS} arrays.
 */
final class SendBuffers {

    /** The largest payload joined with its header; larger ones are written after the header, from their own array. */
    static final int MAX_PAYLOAD = 16 * 1024;

    private static final int SIZE = FrameHeader.LENGTH + MAX_PAYLOAD;
    private static final int SLOTS = 32;
    private static final AtomicReferenceArray<byte[]> POOL = new AtomicReferenceArray<>(SLOTS);

    private SendBuffers() {
    }

    /** An array of at least {@code FrameHeader.LENGTH + MAX_PAYLOAD} bytes, to {@link #giveBack} after the write. */
    static byte[] borrow() {
        // Start where this thread's id points, so concurrent writers mostly try different slots.
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            byte[] array = POOL.get(slot);
            if (array != null && POOL.compareAndSet(slot, array, null)) {
                return array;
            }
        }
        return new byte[SIZE];
    }

    /** Returns an array that {@link #borrow} gave; the caller must not touch it afterwards. */
    static void giveBack(byte[] array) {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (POOL.get(slot) == null && POOL.compareAndSet(slot, null, array)) {
                return;
            }
        }
    }
}
