package io.asyncoro.reliability.fuzz;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.reliability.support.CoreDecoder;
import io.asyncoro.reliability.support.Frames;

/**
 * Fuzzes core's frame decoder ({@code AsyncSocket.recvMsg}) through a real loopback connection and checks every
 * input against the independent reference decoder in {@link Frames}: same messages, same ending, no message over
 * the limit, and no exception but the documented two (anything else escapes and is a finding).
 *
 * <p>Input layout: two bytes choose the max message size (0 to 4096), the rest is the byte stream. Without
 * {@code JAZZER_FUZZ} this runs the seeds in {@code FrameDecoderFuzzTestInputs} as a regression test; the
 * {@code fuzz} surefire execution sets it and fuzzes for {@code maxDuration}.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "25s")
    // Jazzer fuzzes on the test's own thread; the fork's hard timeout backs this one up.
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SAME_THREAD)
    void decodesExactlyAsTheReference(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        long limit = (((input[0] & 0xFF) << 8) | (input[1] & 0xFF)) % 4097;
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);
        Frames.Decoded expected = Frames.decode(stream, limit);
        Frames.Decoded actual = CoreDecoder.decode(stream, limit);
        if (!CoreDecoder.same(expected, actual)) {
            throw new AssertionError("core decoded " + actual.messages().size() + " message(s) ending " + actual.outcome()
                    + "; the reference " + expected.messages().size() + " ending " + expected.outcome());
        }
    }
}
