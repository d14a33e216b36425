package io.asyncoro.net.codec;

import static io.asyncoro.net.codec.Streams.ascii;
import static io.asyncoro.net.codec.Streams.buffer;
import static io.asyncoro.net.codec.Streams.bytes;
import static io.asyncoro.net.codec.Streams.decodeAll;
import static io.asyncoro.net.codec.Streams.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Line, CRLF, arbitrary-delimiter and STX/ETX framings. */
class DelimiterCodecTest {

    @Nested
    class Line {

        private final Codec line = Codecs.line(8);

        @Test
        void readsLfAndCrlfAndWritesLf() throws Exception {
            assertThat(decodeAll(line, ascii("a\nb\r\n\nc\r\r\n"))).containsExactly(ascii("a"), ascii("b"), ascii(""),
                    ascii("c\r"));
            assertThat(encode(line, ascii("abc"))).isEqualTo(ascii("abc\n"));
        }

        @Test
        void aLastLineWithoutNewlineIsReturnedAtTheEndWithItsCr() throws Exception {
            assertThat(decodeAll(line, ascii("a\nlast"))).containsExactly(ascii("a"), ascii("last"));
            assertThat(decodeAll(line, ascii("cr\r"))).containsExactly(ascii("cr\r"));
        }

        @Test
        void moreThanTheMaximumWithoutNewlineIsRefusedAtOnce() throws Exception {
            FrameDecoder decoder = line.newDecoder();
            assertThat(decoder.decode(buffer(ascii("12345678")))).as("8 bytes may still end").isNull();
            assertThat(decoder.decode(buffer(ascii("12345678\r")))).as("a CR may precede the newline").isNull();
            assertThat(decoder.decode(buffer(ascii("12345678\r\n")))).isEqualTo(ascii("12345678"));
            assertThatThrownBy(() -> decoder.decode(buffer(ascii("123456789"))))
                    .isInstanceOfSatisfying(FrameTooLargeException.class, ex -> {
                        assertThat(ex.length()).isEqualTo(9);
                        assertThat(ex.maxSize()).isEqualTo(8);
                    })
                    .hasMessage("line framing: frame exceeds 8 bytes without a newline");
        }

        @Test
        void aCompleteLineOverTheMaximumIsRefusedToo() {
            FrameDecoder decoder = line.newDecoder();
            assertThatThrownBy(() -> decoder.decode(buffer(ascii("123456789\n"))))
                    .isInstanceOf(FrameTooLargeException.class);
            assertThatThrownBy(() -> decoder.decode(buffer(ascii("12345678x\r\n"))))
                    .isInstanceOf(FrameTooLargeException.class);
        }

        @Test
        void aFinalCrOverTheMaximumIsRefusedAtTheEnd() {
            FrameDecoder decoder = line.newDecoder();
            assertThatThrownBy(() -> decoder.decodeLast(buffer(ascii("12345678\r"))))
                    .isInstanceOf(FrameTooLargeException.class);
        }

        @Test
        void theEncoderRefusesANewlineOrATrailingCr() {
            assertThatThrownBy(() -> encode(line, ascii("a\nb"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("line framing: the payload contains a newline at byte 1, which would end the frame"
                            + " early");
            assertThatThrownBy(() -> encode(line, ascii("a\r"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ends with CR");
            assertThat(encode(line, ascii("a\rb"))).isEqualTo(ascii("a\rb\n"));
        }

        @Test
        void theDecoderResumesItsSearchWhereItStopped() throws Exception {
            FrameDecoder decoder = Codecs.line(100).newDecoder();
            ByteBuffer in = ByteBuffer.allocate(64);
            in.put(ascii("abcdef")).flip();
            assertThat(decoder.decode(in)).isNull();
            // Compacted to another position, as a transport may do: the unconsumed bytes are unchanged.
            ByteBuffer moved = ByteBuffer.allocate(64).position(10);
            moved.put(in.duplicate()).put(ascii("g\nh")).flip().position(10);
            assertThat(decoder.decode(moved)).isEqualTo(ascii("abcdefg"));
            assertThat(decoder.decode(moved)).isNull();
            assertThat(decoder.decodeLast(moved)).isEqualTo(ascii("h"));
        }
    }

    @Nested
    class Crlf {

        private final Codec crlf = Codecs.crlf(4);

        @Test
        void readsAndWritesCrlfAndKeepsALoneLf() throws Exception {
            assertThat(decodeAll(crlf, ascii("a\nb\r\n\r\n"))).containsExactly(ascii("a\nb"), ascii(""));
            assertThat(encode(crlf, ascii("a\nb"))).isEqualTo(ascii("a\nb\r\n"));
            assertThat(encode(crlf, ascii("a\r"))).as("CR then CRLF still cuts at the end").isEqualTo(ascii("a\r\r\n"));
            assertThat(decodeAll(crlf, ascii("a\r\r\n"))).containsExactly(ascii("a\r"));
        }

        @Test
        void aTrailingCrMayStartTheDelimiterSoItDoesNotCountAgainstTheMaximum() throws Exception {
            FrameDecoder decoder = crlf.newDecoder();
            assertThat(decoder.decode(buffer(ascii("abcd\r")))).isNull();
            assertThatThrownBy(() -> decoder.decode(buffer(ascii("abcde"))))
                    .hasMessage("crlf framing: frame exceeds 4 bytes without CRLF");
        }

        @Test
        void anUnterminatedFrameAtTheEndIsATruncation() {
            assertThatThrownBy(() -> decodeAll(crlf, ascii("ok\r\nab\r")))
                    .isInstanceOfSatisfying(FrameTruncatedException.class, ex -> assertThat(ex.received()).isEqualTo(3))
                    .hasMessage("crlf framing: stream ended inside a frame after 3 bytes without CRLF");
        }

        @Test
        void theEncoderRefusesCrlfInThePayload() {
            assertThatThrownBy(() -> encode(crlf, ascii("a\r\nb"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("crlf framing: the payload contains CRLF at byte 1");
        }
    }

    @Nested
    class AnyDelimiter {

        @Test
        void aMultiByteDelimiter() throws Exception {
            Codec codec = Codecs.delimiter(ascii("||"), 100);
            assertThat(decodeAll(codec, ascii("ab||||c|d||"))).containsExactly(ascii("ab"), ascii(""), ascii("c|d"));
            assertThat(encode(codec, ascii("c|d"))).isEqualTo(ascii("c|d||"));
        }

        @Test
        void aPayloadWhoseTailWouldFormTheDelimiterEarlyIsRefused() {
            Codec codec = Codecs.delimiter(ascii("||"), 100);
            assertThatThrownBy(() -> encode(codec, ascii("a|"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("delimiter framing: the payload contains the delimiter 0x7C7C at byte 1, which would"
                            + " end the frame early");
            Codec aa = Codecs.delimiter(ascii("aa"), 100);
            assertThatThrownBy(() -> encode(aa, ascii("xa"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(encode(aa, ascii("ax"))).isEqualTo(ascii("axaa"));
        }

        @Test
        void aSingleByteTerminator() throws Exception {
            Codec codec = Codecs.delimiter(new byte[] { 0 }, 3);
            assertThat(decodeAll(codec, bytes("abc", 0, "", 0))).containsExactly(ascii("abc"), ascii(""));
            assertThatThrownBy(() -> codec.newDecoder().decode(buffer(ascii("abcd"))))
                    .isInstanceOf(FrameTooLargeException.class)
                    .hasMessage("delimiter framing: frame exceeds 3 bytes without the delimiter 0x00");
        }

        @Test
        void theCodecKeepsItsOwnCopyOfTheDelimiter() throws Exception {
            byte[] delimiter = ascii(";");
            Codec codec = Codecs.delimiter(delimiter, 10);
            delimiter[0] = ',';
            assertThat(decodeAll(codec, ascii("a,b;"))).containsExactly(ascii("a,b"));
        }

        @Test
        void anEmptyDelimiterIsRefused() {
            assertThatThrownBy(() -> Codecs.delimiter(new byte[0], 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("delimiter must not be empty");
        }
    }

    @Nested
    class StxEtx {

        private final Codec stxEtx = Codecs.stxEtx(5);

        @Test
        void framesBetweenStxAndEtx() throws Exception {
            byte[] stream = bytes(0x02, "hello", 0x03, 0x02, 0x03);
            assertThat(decodeAll(stxEtx, stream)).containsExactly(ascii("hello"), ascii(""));
            assertThat(encode(stxEtx, ascii("hi"))).isEqualTo(bytes(0x02, "hi", 0x03));
        }

        @Test
        void aFrameNotStartingWithStxIsMalformed() {
            assertThatThrownBy(() -> stxEtx.newDecoder().decode(buffer(ascii("hi"))))
                    .isExactlyInstanceOf(FramingException.class)
                    .hasMessage("stx-etx framing: expected 0x02 at byte 0 of a frame, got 0x68");
        }

        @Test
        void limitsCountThePayloadOnly() throws Exception {
            FrameDecoder decoder = stxEtx.newDecoder();
            assertThat(decoder.decode(buffer(bytes(0x02, "12345")))).isNull();
            assertThatThrownBy(() -> decoder.decode(buffer(bytes(0x02, "123456"))))
                    .hasMessage("stx-etx framing: frame exceeds 5 bytes without ETX");
        }

        @Test
        void truncationAndEtxInThePayload() {
            assertThatThrownBy(() -> decodeAll(stxEtx, bytes(0x02, "ab")))
                    .isInstanceOf(FrameTruncatedException.class)
                    .hasMessage("stx-etx framing: stream ended inside a frame after 3 bytes without ETX");
            assertThatThrownBy(() -> encode(stxEtx, bytes("a", 0x03))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theGatheringFormSharesNoWritableDelimiter() {
            ByteBuffer[] parts = stxEtx.encoder().frame(ascii("x"), 0, 1);
            assertThat(parts).hasSize(3);
            assertThat(parts[0].isReadOnly()).isTrue();
            assertThat(parts[2].isReadOnly()).isTrue();
        }
    }
}
