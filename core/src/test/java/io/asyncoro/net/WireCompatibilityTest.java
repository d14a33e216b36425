package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

/**
 * The frames asyncoro 4.5.6's own {@code send_msg} wrote ({@code wire/asyncoro-send_msg.bin}, indexed by the
 * {@code .json} beside it): decoded exactly by {@link AsyncSocket#recvMsg()} and re-encoded byte for byte by
 * {@link AsyncSocket#sendMsg(byte[])}, through real sockets.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireCompatibilityTest {

    private static byte[] wire;
    private static List<Frame> frames;

    private final AsynCoro asyncoro = new AsynCoro("wire-test");

    record Frame(long offset, int frameLength, int payloadLength, String sha256) {
    }

    @BeforeAll
    static void loadFrames() throws IOException {
        try (InputStream bin = WireCompatibilityTest.class.getResourceAsStream("/wire/asyncoro-send_msg.bin");
                InputStream json = WireCompatibilityTest.class.getResourceAsStream("/wire/asyncoro-send_msg.json")) {
            wire = bin.readAllBytes();
            frames = parseIndex(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(frames).hasSizeGreaterThan(5);
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.offset() + last.frameLength()).as("the index covers the whole file").isEqualTo(wire.length);
    }

    /** The index is flat: one object per frame with four numeric or string fields we need. */
    private static List<Frame> parseIndex(String json) {
        Matcher total = Pattern.compile("\"total_bytes\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).isEqualTo(wire.length);
        Pattern object = Pattern.compile("\\{[^{}]*\"offset\"[^{}]*\\}");
        List<Frame> result = new ArrayList<>();
        Matcher m = object.matcher(json);
        while (m.find()) {
            String o = m.group();
            result.add(new Frame(number(o, "offset"), (int) number(o, "frame_length"), (int) number(o, "payload_length"),
                    string(o, "payload_sha256")));
        }
        return result;
    }

    private static long number(String object, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(object);
        assertThat(m.find()).as(field).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String string(String object, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([0-9a-f]*)\"").matcher(object);
        assertThat(m.find()).as(field).isTrue();
        return m.group(1);
    }

    @AfterEach
    void closeScheduler() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void recvMsgDecodesEveryAsyncoroFrameExactly() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            // Written in odd-sized pieces so frames and headers straddle reads.
            Coro<Void> writer = asyncoro.spawn(self -> {
                OutputStream out = pair.peer().getOutputStream();
                int[] pieces = { 1, 2, 3, 5, 7, 4093, 65_537 };
                int off = 0;
                for (int i = 0; off < wire.length; i++) {
                    int n = Math.min(pieces[i % pieces.length], wire.length - off);
                    out.write(wire, off, n);
                    out.flush();
                    off += n;
                }
                pair.peer().shutdownOutput();
                return null;
            });
            for (Frame frame : frames) {
                byte[] payload = pair.socket().recvMsg();
                assertThat(payload).as("frame at %d", frame.offset()).isNotNull();
                assertThat(payload.length).isEqualTo(frame.payloadLength());
                assertThat(frame.frameLength()).isEqualTo(4 + frame.payloadLength());
                assertThat(sha256(payload)).as("payload of frame at %d", frame.offset()).isEqualTo(frame.sha256());
            }
            assertThat(pair.socket().recvMsg()).as("clean end after the last frame").isNull();
            writer.value();
        }
    }

    @Test
    void sendMsgReEncodesTheFramesByteForByte() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        for (Frame frame : frames) {
            byte[] payload = new byte[frame.payloadLength()];
            System.arraycopy(wire, (int) frame.offset() + 4, payload, 0, payload.length);
            assertThat(sha256(payload)).isEqualTo(frame.sha256());
            payloads.add(payload);
        }
        try (RawPair pair = Loopback.rawPair()) {
            Coro<byte[]> reader = asyncoro.spawn(self -> pair.peer().getInputStream().readAllBytes());
            for (byte[] payload : payloads) {
                pair.socket().sendMsg(payload);
            }
            pair.socket().shutdownOutput();
            assertThat(reader.value()).isEqualTo(wire);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
