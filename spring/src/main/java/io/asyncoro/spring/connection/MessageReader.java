package io.asyncoro.spring.connection;

import java.io.IOException;

/** Reads the messages of one connection, in its {@link MessageFraming}. */
@FunctionalInterface
public interface MessageReader {

    /**
     * Reads the next message.
     *
     * @return the message, or {@code null} at a clean end of stream
     */
    byte[] read() throws IOException;
}
