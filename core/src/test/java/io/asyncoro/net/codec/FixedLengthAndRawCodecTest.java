package io.asyncoro.net.codec;

import static io.asyncoro.net.codec.Streams.ascii;
import static io.asyncoro.net.codec.Streams.buffer;
import static io.asyncoro.net.codec.Streams.decodeAll;
import static io.asyncoro.net.codec.Streams.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Framings without headers or delimiters. */
class FixedLengthAndRawCodecTest {

    @Test
    void fixedLengthCutsEveryNBytes() throws Exception {
        Codec codec = Codecs.fixedLength(3);
        assertThat(decodeAll(codec, ascii("abcdef"))).containsExactly(ascii("abc"), ascii("def"));
        assertThat(encode(codec, ascii("xyz"))).isEqualTo(ascii("xyz"));
        assertThat(codec.newDecoder().frameLength(buffer(new byte[0]))).isEqualTo(3);
    }

    @Test
    void fixedLengthTruncationAndWrongSizes() {
        Codec codec = Codecs.fixedLength(3);
        assertThatThrownBy(() -> decodeAll(codec, ascii("abcd"))).isInstanceOf(FrameTruncatedException.class)
                .hasMessage("fixed-length framing: stream ended inside a frame after 1 of 3 bytes");
        assertThatThrownBy(() -> encode(codec, ascii("ab"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fixed-length framing: payload of 2 bytes, frames are 3 bytes");
        assertThatThrownBy(() -> Codecs.fixedLength(0)).as("would decode empty frames out of nothing")
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("length must be between 1 and");
    }

    @Test
    void rawReturnsWhatIsBufferedUpToTheChunkSizeAndTheRestAtTheEnd() throws Exception {
        Codec codec = Codecs.raw(4);
        FrameDecoder decoder = codec.newDecoder();
        var in = buffer(ascii("abcdefghij"));
        assertThat(decoder.decode(in)).isEqualTo(ascii("abcd"));
        assertThat(decoder.decode(in)).isEqualTo(ascii("efgh"));
        assertThat(decoder.decodeLast(in)).isEqualTo(ascii("ij"));
        assertThat(decoder.decodeLast(in)).isNull();
        assertThat(decoder.decode(in)).as("nothing buffered: nothing to return").isNull();
        assertThat(encode(codec, ascii("as is"))).isEqualTo(ascii("as is"));
        assertThatThrownBy(() -> Codecs.raw(0)).hasMessageStartingWith("maxChunk must be between 1 and");
    }

    @Test
    void anEncodeWithoutRoomWritesNothing() {
        for (Codec codec : new Codec[] { Codecs.message(10), Codecs.stxEtx(10), Codecs.line(10) }) {
            ByteBuffer out = ByteBuffer.allocate(4);
            assertThatThrownBy(() -> codec.encoder().encode(ascii("abcd"), 0, 4, out))
                    .as(codec.name()).isInstanceOf(BufferOverflowException.class);
            assertThat(out.position()).as(codec.name()).isZero();
        }
    }

    @Test
    void namesAreTheFramingsNames() {
        assertThat(Codecs.message(1).name()).isEqualTo("message");
        assertThat(Codecs.line(1).name()).isEqualTo("line");
        assertThat(Codecs.crlf(1).name()).isEqualTo("crlf");
        assertThat(Codecs.delimiter(ascii(";"), 1).name()).isEqualTo("delimiter");
        assertThat(Codecs.stxEtx(1).name()).isEqualTo("stx-etx");
        assertThat(Codecs.fixedLength(1).name()).isEqualTo("fixed-length");
        assertThat(Codecs.raw(1).name()).isEqualTo("raw");
    }

    @Test
    void delimiterDecodersArePerConnectionAndStatelessOnesShared() {
        Codec line = Codecs.line(10);
        assertThat(line.newDecoder()).isNotSameAs(line.newDecoder());
        Codec message = Codecs.message(10);
        assertThat(message.newDecoder()).isSameAs(message.newDecoder());
    }
}
