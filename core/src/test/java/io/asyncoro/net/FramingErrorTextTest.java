package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

/** What a framing error says: it must name the real problem and never quote more than a frame header's 4 bytes. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FramingErrorTextTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLastLineWithoutNewlineIsReportedAsALineNotAsAMessageHeader() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(bytes("hello"));
            pair.peer().shutdownOutput();

            TruncatedMessageException ex = catchThrowableOfType(TruncatedMessageException.class,
                    () -> pair.socket().recvLine());

            assertThat(ex.getMessage()).isEqualTo("stream ended inside a line: 5 bytes without a line end")
                    .doesNotContain("header").doesNotContain("hello");
            assertThat(ex.partial()).isEqualTo(bytes("hello"));
        }
    }

    @Test
    void httpSentToAMessageFramedSocketIsCalledTextAndLineFramingSuggested() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: secret.example\r\n\r\n"));

            MessageTooLargeException ex = catchThrowableOfType(MessageTooLargeException.class,
                    () -> pair.socket().recvMsg());

            assertThat(ex.getMessage()).contains("\"GET \"").contains("ASCII text").contains("framing: line")
                    .doesNotContain("HTTP/1.1").doesNotContain("secret").doesNotContain("GET /");
            assertThat(ex.claimedLength()).isEqualTo(0x47455420L);
            assertThat(pair.socket().isClosed()).isTrue();
        }
    }

    @Test
    void controlCharactersInTheHeaderAreEscapedAndABinaryHeaderKeepsThePlainText() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(bytes("QUIT\r\n"));
            MessageTooLargeException text = catchThrowableOfType(MessageTooLargeException.class,
                    () -> pair.socket().recvMsg());
            assertThat(text.getMessage()).contains("\"QUIT\"");
        }
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(bytes("\r\nXY"));
            MessageTooLargeException escaped = catchThrowableOfType(MessageTooLargeException.class,
                    () -> pair.socket().recvMsg());
            assertThat(escaped.getMessage()).contains("\"\\r\\nXY\"");
        }
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(10));
            pair.peer().getOutputStream().write(new byte[] { 0x7F, 0, 0, 0 });
            MessageTooLargeException binary = catchThrowableOfType(MessageTooLargeException.class,
                    () -> pair.socket().recvMsg());
            assertThat(binary.getMessage()).isEqualTo(
                    "message of 2130706432 bytes exceeds the maximum message size of 1048576 bytes");
        }
    }
}
