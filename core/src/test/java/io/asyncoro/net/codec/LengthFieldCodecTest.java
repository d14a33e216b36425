package io.asyncoro.net.codec;

import static io.asyncoro.net.codec.Streams.ascii;
import static io.asyncoro.net.codec.Streams.buffer;
import static io.asyncoro.net.codec.Streams.bytes;
import static io.asyncoro.net.codec.Streams.decodeAll;
import static io.asyncoro.net.codec.Streams.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

/** Length-field framing against the layouts of Netty's {@code LengthFieldBasedFrameDecoder} javadoc and more. */
class LengthFieldCodecTest {

    private static final String HELLO = "HELLO, WORLD";

    private static LengthFieldSpec.Builder spec() {
        return LengthFieldSpec.builder().maxSize(1 << 16);
    }

    private static Codec codec(LengthFieldSpec.Builder builder) {
        return Codecs.lengthField(builder.build());
    }

    /** The seven examples of Netty's javadoc, each byte for byte. */
    @Nested
    class NettyExamples {

        @Test
        void twoByteLengthKeepingTheHeader() throws Exception {
            Codec codec = codec(spec().lengthFieldLength(2).initialBytesToStrip(0));
            byte[] frame = bytes(0x00, 0x0C, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(frame);
            // Encoding with the header in the payload: whatever sits in the field's place is replaced.
            assertThat(encode(codec, bytes(0xAB, 0xCD, HELLO))).isEqualTo(frame);
        }

        @Test
        void twoByteLengthStrippingTheHeader() throws Exception {
            Codec codec = codec(spec().lengthFieldLength(2).initialBytesToStrip(2));
            byte[] frame = bytes(0x00, 0x0C, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(ascii(HELLO));
            assertThat(encode(codec, ascii(HELLO))).isEqualTo(frame);
        }

        @Test
        void lengthCountingTheHeaderThroughAnAdjustmentOfMinusTwo() throws Exception {
            Codec codec = codec(spec().lengthFieldLength(2).lengthAdjustment(-2).initialBytesToStrip(0));
            byte[] frame = bytes(0x00, 0x0E, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(frame);
            assertThat(encode(codec, frame)).isEqualTo(frame);
        }

        @Test
        void lengthCountingTheHeaderThroughIncludesHeader() throws Exception {
            Codec codec = codec(spec().lengthFieldLength(2).includesHeader(true));
            byte[] frame = bytes(0x00, 0x0E, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(ascii(HELLO));
            assertThat(encode(codec, ascii(HELLO))).isEqualTo(frame);
        }

        @Test
        void aHeaderBeforeTheLengthField() throws Exception {
            Codec codec = codec(spec().lengthFieldOffset(2).lengthFieldLength(3).initialBytesToStrip(0));
            byte[] frame = bytes(0xCA, 0xFE, 0x00, 0x00, 0x0C, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(frame);
            assertThat(encode(codec, bytes(0xCA, 0xFE, 0, 0, 0, HELLO))).isEqualTo(frame);
        }

        @Test
        void aHeaderAfterTheLengthFieldCountedByTheAdjustment() throws Exception {
            Codec codec = codec(spec().lengthFieldLength(3).lengthAdjustment(2).initialBytesToStrip(0));
            byte[] frame = bytes(0x00, 0x00, 0x0C, 0xCA, 0xFE, HELLO);
            assertThat(decodeAll(codec, frame)).containsExactly(frame);
            assertThat(encode(codec, frame)).isEqualTo(frame);
        }

        @Test
        void headersOnBothSidesStrippingTheFirstAndTheField() throws Exception {
            Codec codec = codec(spec().lengthFieldOffset(1).lengthFieldLength(2).lengthAdjustment(1)
                    .initialBytesToStrip(3));
            assertThat(decodeAll(codec, bytes(0xCA, 0x00, 0x0C, 0xFE, HELLO))).containsExactly(bytes(0xFE, HELLO));
        }

        @Test
        void headersOnBothSidesWithALengthOfTheWholeFrame() throws Exception {
            Codec codec = codec(spec().lengthFieldOffset(1).lengthFieldLength(2).lengthAdjustment(-3)
                    .initialBytesToStrip(3));
            assertThat(decodeAll(codec, bytes(0xCA, 0x00, 0x10, 0xFE, HELLO))).containsExactly(bytes(0xFE, HELLO));
        }

        @Test
        void layoutsWhoseStrippedBytesAreNotInThePayloadDecodeOnly() {
            Codec codec = codec(spec().lengthFieldOffset(1).lengthFieldLength(2).lengthAdjustment(1)
                    .initialBytesToStrip(3));
            assertThatThrownBy(() -> codec.encoder().encodedLength(3))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("lengthFieldOffset 1 and initialBytesToStrip 3");
        }
    }

    @Test
    void littleEndianFieldsOfEveryWidth() throws Exception {
        byte[] payload = ascii("abc");
        int[] widths = { 1, 2, 4, 8 };
        for (int width : widths) {
            Codec codec = codec(spec().lengthFieldLength(width).byteOrder(ByteOrder.LITTLE_ENDIAN));
            byte[] header = new byte[width];
            header[0] = 3;
            assertThat(encode(codec, payload)).as("width %d", width).isEqualTo(bytes(header, payload));
            assertThat(decodeAll(codec, bytes(header, payload))).containsExactly(payload);
        }
    }

    @Test
    void eightByteBigEndianLengths() throws Exception {
        Codec codec = codec(spec().lengthFieldLength(8));
        byte[] frame = bytes(0, 0, 0, 0, 0, 0, 0, 5, "hello");
        assertThat(encode(codec, ascii("hello"))).isEqualTo(frame);
        assertThat(decodeAll(codec, frame)).containsExactly(ascii("hello"));
    }

    @Test
    void anEightByteLengthWithTheTopBitSetIsTooLargeNotNegative() {
        FrameDecoder decoder = codec(spec().lengthFieldLength(8)).newDecoder();
        ByteBuffer in = buffer(bytes(0x80, 0, 0, 0, 0, 0, 0, 1));
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("frame of 9223372036854775809 bytes exceeds the maximum of 65536 bytes");
    }

    @Test
    void aHeaderOverTheMaximumIsRefusedBeforeThePayloadArrives() throws Exception {
        FrameDecoder decoder = Codecs.message(100).newDecoder();
        assertThat(decoder.decode(buffer(bytes(0, 0, 0, 100)))).as("exactly the maximum waits").isNull();
        ByteBuffer in = buffer(bytes(0, 0, 0, 101));
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOfSatisfying(FrameTooLargeException.class, ex -> {
            assertThat(ex.length()).isEqualTo(101);
            assertThat(ex.maxSize()).isEqualTo(100);
            assertThat(ex.framing()).isEqualTo("message");
        }).hasMessage("message framing: frame of 101 bytes exceeds the maximum of 100 bytes");
        assertThatThrownBy(() -> decoder.frameLength(in)).isInstanceOf(FrameTooLargeException.class);
        assertThat(in.position()).isEqualTo(3);
    }

    @Test
    void aTwoGibibyteHeaderAllocatesNothing() {
        FrameDecoder decoder = Codecs.message(Codecs.MAX_SIZE).newDecoder();
        ByteBuffer in = buffer(bytes(0x80, 0, 0, 0));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("2147483648 bytes exceeds the maximum of 2147483639");
        // The exception and its message cost a few KiB; a buffer for the frame would cost 2 GiB.
        assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(1 << 20);
    }

    @Test
    void aFrameThatFitsTheMaximumOnlyWithoutItsStrippedBytesIsStillRefused() {
        FrameDecoder decoder = codec(spec().lengthFieldOffset(16).maxSize(Codecs.MAX_SIZE)).newDecoder();
        byte[] header = new byte[20];
        header[16] = 0x7F;
        header[17] = (byte) 0xFF;
        header[18] = (byte) 0xFF;
        header[19] = (byte) 0xF0;
        assertThatThrownBy(() -> decoder.decode(buffer(header))).isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("with its header exceeds the most a buffer holds");
    }

    @Test
    void frameLengthIsKnownOnceTheHeaderIs() throws Exception {
        FrameDecoder decoder = Codecs.message(1000).newDecoder();
        assertThat(decoder.frameLength(buffer(bytes(0, 0, 1)))).isEqualTo(-1);
        assertThat(decoder.frameLength(buffer(bytes(0, 0, 1, 0, 'x')))).isEqualTo(4 + 256);
    }

    @Test
    void decodeTakesOneFrameAtATimeAndWaitsForTheRest() throws Exception {
        FrameDecoder decoder = Codecs.message(1000).newDecoder();
        ByteBuffer in = buffer(bytes(0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 2, 'b'));
        assertThat(decoder.decode(in)).isEqualTo(ascii("a"));
        assertThat(decoder.decode(in)).isEmpty();
        int at = in.position();
        assertThat(decoder.decode(in)).isNull();
        assertThat(in.position()).isEqualTo(at);
    }

    @Test
    void truncationAtTheEndNamesTheFramingAndWhereItStopped() throws Exception {
        FrameDecoder decoder = Codecs.message(1000).newDecoder();
        assertThat(decoder.decodeLast(buffer(new byte[0]))).isNull();
        assertThatThrownBy(() -> decoder.decodeLast(buffer(bytes(0, 0))))
                .isInstanceOfSatisfying(FrameTruncatedException.class, ex -> assertThat(ex.received()).isEqualTo(2))
                .hasMessage("message framing: stream ended inside a frame header after 2 of 4 bytes");
        assertThatThrownBy(() -> decoder.decodeLast(buffer(bytes(0, 0, 0, 6, "abc"))))
                .isInstanceOf(FrameTruncatedException.class)
                .hasMessage("message framing: stream ended inside a frame after 7 of 10 bytes");
    }

    @Test
    void aTextHeaderSuggestsLineFramingAndQuotesOnlyTheHeader() {
        FrameDecoder decoder = Codecs.message(1 << 20).newDecoder();
        ByteBuffer in = buffer(ascii("GET /secret HTTP/1.1\r\n"));
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("message framing: frame header 'GET ' looks like ASCII text; is the peer"
                        + " sending lines? try framing: line")
                .hasMessageContaining("1195725856 bytes")
                .message().doesNotContain("secret");
    }

    @Test
    void aBinaryHeaderGetsNoTextHint() {
        FrameDecoder decoder = Codecs.message(10).newDecoder();
        assertThatThrownBy(() -> decoder.decode(buffer(bytes(0, 0, 1, 0)))).message().doesNotContain("ASCII");
    }

    @Test
    void aLengthTooSmallForTheHeaderItIncludesIsMalformed() {
        FrameDecoder decoder = codec(spec().includesHeader(true)).newDecoder();
        assertThatThrownBy(() -> decoder.decode(buffer(bytes(0, 0, 0, 3))))
                .isExactlyInstanceOf(FramingException.class)
                .hasMessage("length-field framing: length field 3 leaves -1 bytes after a 4-byte header");
    }

    @Test
    void aFrameShorterThanTheBytesToStripIsMalformed() {
        FrameDecoder decoder = codec(spec().lengthFieldLength(1).initialBytesToStrip(4)).newDecoder();
        assertThatThrownBy(() -> decoder.decode(buffer(bytes(1, 'x'))))
                .isExactlyInstanceOf(FramingException.class)
                .hasMessageContaining("frame of 2 bytes is shorter than initialBytesToStrip 4");
    }

    @Test
    void theEncoderRefusesWhatTheFieldCannotState() {
        Codec codec = codec(spec().lengthFieldLength(1));
        assertThat(codec.encoder().encodedLength(255)).isEqualTo(256);
        assertThatThrownBy(() -> codec.encoder().encodedLength(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length-field framing: a payload of 256 bytes needs a length field of 256, outside"
                        + " 0..255 for 1 bytes");
    }

    @Test
    void theGatheringFormWrapsThePayloadInsteadOfCopyingIt() {
        byte[] payload = new byte[100_000];
        ByteBuffer[] parts = Codecs.message(1 << 20).encoder().frame(payload, 0, payload.length);
        assertThat(parts).hasSize(2);
        assertThat(parts[0].remaining()).isEqualTo(4);
        assertThat(parts[1].hasArray() && parts[1].array() == payload).isTrue();
    }
}
