package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FramingTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messageFramingIsAsyncorosSendMsg() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            Framing.MESSAGE.write(pair.socket(), bytes("ab"));
            assertThat(pair.peer().getInputStream().readNBytes(6)).containsExactly(0, 0, 0, 2, 'a', 'b');
            pair.peer().getOutputStream().write(new byte[] { 0, 0, 0, 1, 'z' });
            pair.peer().shutdownOutput();
            assertThat(Framing.MESSAGE.read(pair.socket(), 100)).containsExactly('z');
            assertThat(Framing.MESSAGE.read(pair.socket(), 100)).isNull();
        }
    }

    @Test
    void lineFramingAppendsANewlineAndSplitsOnIt() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            Framing.LINE.write(pair.socket(), bytes("hello"));
            assertThat(pair.peer().getInputStream().readNBytes(6)).isEqualTo(bytes("hello\n"));
            pair.peer().getOutputStream().write(bytes("a\r\nb\n"));
            pair.peer().shutdownOutput();
            assertThat(Framing.LINE.read(pair.socket(), 100)).isEqualTo(bytes("a"));
            assertThat(Framing.LINE.read(pair.socket(), 100)).isEqualTo(bytes("b"));
            assertThat(Framing.LINE.read(pair.socket(), 100)).isNull();
        }
    }

    @Test
    void rawFramingPassesBytesAsTheyAreAndEndsWithNull() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            Framing.RAW.write(pair.socket(), bytes("as is"));
            assertThat(pair.peer().getInputStream().readNBytes(5)).isEqualTo(bytes("as is"));
            pair.peer().getOutputStream().write(bytes("0123456789"));
            pair.peer().shutdownOutput();
            assertThat(Framing.RAW.read(pair.socket(), 4)).isEqualTo(bytes("0123"));
            assertThat(Framing.RAW.read(pair.socket(), 100)).isEqualTo(bytes("456789"));
            assertThat(Framing.RAW.read(pair.socket(), 100)).isNull();
        }
    }
}
