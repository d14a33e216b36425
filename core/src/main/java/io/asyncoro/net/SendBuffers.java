package io.asyncoro.net;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Arrays for the length of one write, shared by every socket: {@code sendMsg} joins a small frame's header and
 * payload in one, and TLS encrypts a record into one. A socket borrows one for the length of a write and gives it
 * back, so an idle connection holds none, and a busy server reuses a few instead of allocating (and zeroing) a new
 * array per message.
 *
 * <p>The pool is a fixed row of slots taken and filled by compare-and-set: no lock, no node allocated per use.
 * When every slot is empty a new array is made; when every slot is full a returned one is left to the collector,
 * so the pool never holds more than {@code SLOTS} arrays.
 */
final class SendBuffers {

    /** The largest payload joined with its header; larger ones are written after the header, from their own array. */
    static final int MAX_PAYLOAD = 16 * 1024;

    /** The size of every array: a frame of {@link #MAX_PAYLOAD}, or a TLS record (16 KiB and its overhead). */
    static final int SIZE = 17 * 1024;
    private static final int SLOTS = 32;
    private static final AtomicReferenceArray<byte[]> POOL = new AtomicReferenceArray<>(SLOTS);

    private SendBuffers() {
    }

    /** An array of {@link #SIZE} bytes, to {@link #giveBack} after the write. */
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
