package io.asyncoro.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

import io.asyncoro.net.codec.FrameDecoder;

/**
 * Runs a codec's {@link FrameDecoder} over a stream transport's own read buffer, so a codec frame is cut from the
 * bytes where the transport read them, with no copy into a buffer of the codec's: {@link FrameDecoder#decode}
 * while the stream lasts, {@link FrameDecoder#decodeLast} over what is left at its end.
 */
final class FrameDecoding {

    private FrameDecoding() {
    }

    static byte[] recv(StreamTransport stream, FrameDecoder decoder) throws IOException {
        Objects.requireNonNull(decoder, "decoder");
        try {
            return stream.decode(view -> unchecked(decoder, view, false), view -> unchecked(decoder, view, true),
                    "recvFrame");
        }
        catch (UncheckedIOException ex) {
            // The decoder's own IOException (a FramingException naming the framing), carried out of the lambda.
            throw ex.getCause();
        }
    }

    /** Any decoder over the read buffer, without the codec SPI (see {@link ReadBuffer#decode}). */
    static <T> T recvDecoded(AsyncSocket socket, Function<? super ByteBuffer, ? extends T> decoder)
            throws IOException {
        return TransportKinds.stream(socket.transport(), "recvDecoded")
            .decode(Objects.requireNonNull(decoder, "decoder"), null, "recvDecoded");
    }

    private static byte[] unchecked(FrameDecoder decoder, ByteBuffer view, boolean last) {
        try {
            return last ? decoder.decodeLast(view) : decoder.decode(view);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
