package io.asyncoro.spring.connection;

import java.io.IOException;
import java.util.Objects;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.net.codec.Codec;
import io.asyncoro.net.codec.CodecWriter;
import io.asyncoro.net.codec.FrameDecoder;

/**
 * How the messages of a server's or a client's connections are read and written: one of asyncoro's
 * {@link Framing}s, served by the socket's own fast paths ({@code recvMsg}, {@code recvLine}, {@code recv}),
 * or any {@link Codec} (length field, CRLF, STX/ETX, delimiter, fixed length, or an application's own).
 */
public interface MessageFraming {

    /** The framing's name, for logs and the endpoint: {@code message}, {@code line}, {@code stx-etx}, ... */
    String name();

    /** A reader for one connection; it may keep bytes read past a message, so one per connection. */
    MessageReader reader(AsyncSocket socket);

    /**
     * Writes one message; the caller serialises writes on a socket.
     *
     * @throws IllegalArgumentException when the message cannot be framed (a line containing a newline)
     */
    void write(AsyncSocket socket, byte[] message) throws IOException;

    /**
     * One of asyncoro's framings.
     *
     * @param rawReadSize for {@link Framing#RAW}, the most bytes one read returns
     */
    static MessageFraming of(Framing framing, int rawReadSize) {
        Objects.requireNonNull(framing, "framing");
        return new MessageFraming() {

            @Override
            public String name() {
                return framing.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public MessageReader reader(AsyncSocket socket) {
                return () -> framing.read(socket, rawReadSize);
            }

            @Override
            public void write(AsyncSocket socket, byte[] message) throws IOException {
                framing.write(socket, message);
            }

            @Override
            public String toString() {
                return name() + " framing";
            }
        };
    }

    /** A codec's framing: frames are cut from the socket's own read buffer ({@link AsyncSocket#recvFrame}). */
    static MessageFraming of(Codec codec) {
        Objects.requireNonNull(codec, "codec");
        return new MessageFraming() {

            @Override
            public String name() {
                return codec.name();
            }

            @Override
            public MessageReader reader(AsyncSocket socket) {
                FrameDecoder decoder = codec.newDecoder();
                return () -> socket.recvFrame(decoder);
            }

            @Override
            public void write(AsyncSocket socket, byte[] message) throws IOException {
                CodecWriter.write(socket, codec.encoder(), message);
            }

            @Override
            public String toString() {
                return name() + " framing";
            }
        };
    }
}
