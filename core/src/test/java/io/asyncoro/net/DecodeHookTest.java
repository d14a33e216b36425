package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hook a pluggable codec runs through: a decoder over the buffered bytes, on both the polled and the
 * stream transport, sees every split of its messages and consumes nothing until one is whole.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DecodeHookTest {

    /** Messages of a 2-byte big-endian length, then that many bytes of text. */
    private static final Function<ByteBuffer, String> SHORT_FRAMES = view -> {
        if (view.remaining() < 2) {
            return null;
        }
        int length = view.getShort(view.position()) & 0xFFFF;
        if (view.remaining() < 2 + length) {
            return null;
        }
        byte[] text = new byte[length];
        view.position(view.position() + 2).get(text);
        return new String(text, StandardCharsets.UTF_8);
    };

    private static byte[] frame(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + bytes.length).putShort((short) bytes.length).put(bytes).array();
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void messagesSplitAnywhereAreDecodedWholeAndATimeoutConsumesNothing(boolean polled) throws Exception {
        try (PeerPair pair = PeerPair.open(polled)) {
            OutputStream out = pair.peer().getOutputStream();
            byte[] first = frame("hello");
            byte[] second = frame("x".repeat(3000));
            // Half of the first message: the decoder must wait for the rest and the timeout must leave the half.
            out.write(first, 0, 4);
            out.flush();
            pair.socket().setTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES)).isInstanceOf(SocketTimeoutException.class);
            pair.socket().setTimeout(null);
            out.write(first, 4, first.length - 4);
            out.write(second, 0, 1);
            out.flush();
            assertThat(FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES)).isEqualTo("hello");
            for (int at = 1; at < second.length; at += 700) {
                out.write(second, at, Math.min(700, second.length - at));
                out.flush();
            }
            assertThat(FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES)).isEqualTo("x".repeat(3000));
            pair.peer().shutdownOutput();
            assertThat(FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void aStreamEndingInsideAMessageIsTruncatedWithTheBytesThatCame(boolean polled) throws Exception {
        try (PeerPair pair = PeerPair.open(polled)) {
            pair.peer().getOutputStream().write(new byte[] { 0, 9, 'a', 'b' });
            pair.peer().shutdownOutput();
            assertThatThrownBy(() -> FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES))
                    .isInstanceOfSatisfying(TruncatedMessageException.class,
                            ex -> assertThat(ex.partial()).containsExactly(0, 9, 'a', 'b'));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void moreThanTheLimitWithoutAWholeMessageIsRefusedAndCloses(boolean polled) throws Exception {
        try (PeerPair pair = PeerPair.open(polled)) {
            pair.socket().setMaxMessageSize(100);
            pair.peer().getOutputStream().write(frame("y".repeat(500)));
            assertThatThrownBy(() -> FrameDecoding.recvDecoded(pair.socket(), SHORT_FRAMES)).isInstanceOf(MessageTooLargeException.class);
            assertThat(pair.socket().isClosed()).isTrue();
        }
    }
}
