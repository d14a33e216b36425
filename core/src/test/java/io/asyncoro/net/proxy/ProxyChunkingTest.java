package io.asyncoro.net.proxy;

import static io.asyncoro.net.proxy.V2Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Headers arriving in arbitrary pieces, as TCP may deliver them: fed to the decoder the way a non-blocking
 * reader would (read into a buffer, decode, compact), the header must appear exactly when its last byte
 * arrives, and the bytes after it must be left alone.
 */
class ProxyChunkingTest {

    private static final byte[] PAYLOAD = "after the header".getBytes(StandardCharsets.US_ASCII);

    private static final List<byte[]> HEADERS = List.of(
            ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"),
            ascii("PROXY UNKNOWN\r\n"),
            ascii("PROXY TCP6 2001:db8::1 2001:db8::2 65535 1\r\n"),
            ascii("PROXY UNKNOWN " + "ffff:".repeat(7) + "ffff " + "ffff:".repeat(7) + "ffff 65535 65535\r\n"),
            V2Bytes.awsNlb(),
            V2Bytes.header(0x20, 0x00, new byte[0]));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void randomChunksDecodeToTheSameHeaderAndLeaveThePayload() throws Exception {
        Random random = new Random(20_26_12_01L);
        for (byte[] header : HEADERS) {
            ProxyHeader expected = ProxyProtocolDecoder.decode(ByteBuffer.wrap(header));
            byte[] stream = concat(header, PAYLOAD);
            for (int round = 0; round < 200; round++) {
                ByteBuffer buffer = ByteBuffer.allocate(stream.length);
                int sent = 0;
                ProxyHeader decoded = null;
                while (decoded == null) {
                    int chunk = Math.min(stream.length - sent, 1 + random.nextInt(header.length / 3 + 1));
                    buffer.put(stream, sent, chunk);
                    sent += chunk;
                    buffer.flip();
                    int before = buffer.position();
                    decoded = ProxyProtocolDecoder.decode(buffer);
                    if (decoded == null) {
                        assertThat(sent).as("incomplete after %d of %d bytes", sent, header.length)
                                .isLessThan(header.length);
                        assertThat(buffer.position()).isEqualTo(before);
                    }
                    buffer.compact();
                }
                assertThat(decoded).isEqualTo(expected);
                assertThat(sent).isGreaterThanOrEqualTo(header.length);
                buffer.put(stream, sent, stream.length - sent).flip();
                byte[] rest = new byte[buffer.remaining()];
                buffer.get(rest);
                assertThat(rest).isEqualTo(PAYLOAD);
            }
        }
    }

    @Test
    void eachProperPrefixIsIncompleteAndUntouched() throws Exception {
        for (byte[] header : HEADERS) {
            for (int n = 0; n < header.length; n++) {
                ByteBuffer in = ByteBuffer.wrap(header, 0, n);
                assertThat(ProxyProtocolDecoder.decode(in)).as("prefix of %d bytes", n).isNull();
                assertThat(in.position()).isZero();
            }
        }
    }

    @Test
    void readAheadNeverPassesTheEndOfAHeader() throws Exception {
        // What a blocking reader relies on: asking for readAhead() more bytes never takes a payload byte.
        for (byte[] header : HEADERS) {
            int have = 0;
            while (true) {
                ByteBuffer view = ByteBuffer.wrap(header, 0, have);
                if (ProxyProtocolDecoder.decode(view) != null) {
                    break;
                }
                int want = ProxyProtocolDecoder.readAhead(view);
                assertThat(want).isPositive();
                have += want;
                assertThat(have).as("reading %d bytes of a %d-byte header", have, header.length)
                        .isLessThanOrEqualTo(header.length);
            }
            assertThat(have).isEqualTo(header.length);
        }
    }
}
