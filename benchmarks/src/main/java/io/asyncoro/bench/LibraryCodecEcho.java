package io.asyncoro.bench;

import java.io.IOException;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.codec.Codec;
import io.asyncoro.net.codec.CodecWriter;
import io.asyncoro.net.codec.FrameDecoder;
import io.asyncoro.net.codec.Codecs;
import io.asyncoro.net.codec.LengthFieldSpec;
import io.asyncoro.server.ConnectionHandler;

/**
 * The library's codec echo: each connection reads frames through core's codec SPI ({@code AsyncSocket.recvFrame},
 * which cuts them from the socket's own read buffer) and writes each payload back through the codec's encoder
 * ({@code CodecWriter}), as an application using {@code Codecs} would.
 */
final class LibraryCodecEcho implements ConnectionHandler {

    private final Codec codec;

    LibraryCodecEcho(Framing framing) {
        this.codec = switch (framing) {
            case LEN2 -> Codecs.lengthField(LengthFieldSpec.builder().name("len2").lengthFieldLength(2)
                    .maxSize(0xFFFF).build());
            case CRLF -> Codecs.crlf(EchoServer.MAX_FRAME);
            default -> throw new IllegalArgumentException("no codec echo for " + framing);
        };
    }

    @Override
    public void handle(AsyncSocket socket) throws IOException {
        FrameDecoder decoder = codec.newDecoder();
        byte[] frame;
        while ((frame = socket.recvFrame(decoder)) != null) {
            CodecWriter.write(socket, codec.encoder(), frame);
        }
    }
}
