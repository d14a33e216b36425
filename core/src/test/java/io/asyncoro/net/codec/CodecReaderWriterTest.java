package io.asyncoro.net.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.testsupport.Loopback;

/** {@link AsyncSocket#recvFrame} and {@link CodecWriter} over a real loopback connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CodecReaderWriterTest {

    @Test
    void framesArrivingTogetherOrInPiecesAreReadOneByOne() throws Exception {
        Codec codec = Codecs.lengthField(LengthFieldSpec.builder().lengthFieldLength(2).maxSize(200_000).build());
        try (Loopback.AsyncPair pair = Loopback.asyncPair()) {
            pair.client().setTimeout(Duration.ofSeconds(10));
            pair.server().setTimeout(Duration.ofSeconds(10));
            byte[] big = new byte[60_000];
            new Random(15).nextBytes(big);
            CodecWriter.write(pair.server(), codec.encoder(), utf8("one"));
            CodecWriter.write(pair.server(), codec.encoder(), utf8("two"));
            CodecWriter.write(pair.server(), codec.encoder(), big);
            CodecWriter.write(pair.server(), codec.encoder(), utf8("after"));
            pair.server().shutdownOutput();
            // A small chunk size makes the 60 kB frame arrive in many reads, growing the buffer.
            FrameDecoder decoder = codec.newDecoder();
            AsyncSocket client = pair.client();
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("one"));
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("two"));
            assertThat(client.recvFrame(decoder)).isEqualTo(big);
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("after"));
            assertThat(client.recvFrame(decoder)).isNull();
        }
    }

    @Test
    void aStreamEndingInsideAFrameIsATruncation() throws Exception {
        try (Loopback.RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            OutputStream out = pair.peer().getOutputStream();
            out.write(new byte[] { 0x02, 'a', 'b', 0x03, 0x02, 'c' });
            pair.peer().shutdownOutput();
            FrameDecoder decoder = Codecs.stxEtx(100).newDecoder();
            AsyncSocket client = pair.socket();
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("ab"));
            assertThatThrownBy(() -> client.recvFrame(decoder)).isInstanceOf(FrameTruncatedException.class).hasMessageStartingWith("stx-etx");
        }
    }

    /** The codec decides what a stream's end leaves: a last line without its newline is still a line. */
    @Test
    void whatTheStreamEndLeavesGoesToTheDecodersLastCall() throws Exception {
        try (Loopback.RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(utf8("first\nlast"));
            pair.peer().shutdownOutput();
            FrameDecoder decoder = Codecs.line(100).newDecoder();
            AsyncSocket client = pair.socket();
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("first"));
            assertThat(client.recvFrame(decoder)).isEqualTo(utf8("last"));
            assertThat(client.recvFrame(decoder)).isNull();
        }
    }

    @Test
    void anUnframeablePayloadIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (Loopback.RawPair pair = Loopback.rawPair()) {
            assertThatThrownBy(() -> CodecWriter.write(pair.socket(), Codecs.crlf(100).encoder(), utf8("a\r\nb")))
                .isInstanceOf(IllegalArgumentException.class);
            CodecWriter.write(pair.socket(), Codecs.crlf(100).encoder(), utf8("ok"));
            byte[] received = pair.peer().getInputStream().readNBytes(4);
            assertThat(received).isEqualTo(utf8("ok\r\n"));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
