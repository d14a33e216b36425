package io.asyncoro.net;

import java.io.IOException;

/**
 * Where a {@link ReadBuffer}'s bytes come from: a stream transport, which parks the caller until bytes arrive and
 * reports its failures as the socket's exceptions (a timeout, {@link SocketClosedException}).
 */
interface ByteSource {

    /**
     * Whether the source reads ahead into chunks of its own (the poller does). The buffer then adopts each chunk
     * instead of copying it into an array of its own sizing.
     */
    boolean readsAhead();

    /**
     * Reads into {@code dst}, parking until at least one byte arrives.
     *
     * @param deadline {@link System#nanoTime()} to give up at, or 0 for never
     * @return the bytes read; -1 at the end of the stream; 0 when a source that reads ahead already holds bytes,
     *         which {@link #take} hands over instead
     */
    int read(byte[] dst, int offset, int length, long deadline, String op) throws IOException;

    /**
     * The next chunk a source that {@link #readsAhead() reads ahead} holds, parking until one arrives.
     *
     * @return the chunk, whole and never empty, or {@code null} at the end of the stream
     */
    byte[] take(long deadline, String op) throws IOException;

    /**
     * For a source that {@link #readsAhead() reads ahead}: the payload of the next asyncoro frame when it can hand
     * it over whole without a chunk first (the poller, when the bytes it reads next start with the whole frame),
     * parking until bytes arrive; called only with nothing buffered.
     *
     * @param maxPayload the largest payload to hand over; a larger frame is left for the caller to refuse
     * @return the payload, or {@code null} when the caller is to read the frame through {@link #take} or
     *         {@link #read} as usual (which then also report the end of the stream)
     */
    byte[] takeFrame(long maxPayload, long deadline, String op) throws IOException;
}
