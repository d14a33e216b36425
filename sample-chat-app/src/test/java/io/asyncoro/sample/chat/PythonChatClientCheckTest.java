package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/**
 * {@code src/test/python/chat_client_check.py} chats through the server with the framing of asyncoro's
 * {@code chat_sock_client.py} (struct {@code '>L'} length, then the payload), from the standard library
 * alone. Skipped where there is no {@code python3} on the PATH.
 */
@ChatAppTest
class PythonChatClientCheckTest {

    private static final Path SCRIPT = Path.of("src/test/python/chat_client_check.py");

    @LocalAsyncoroServerPort("chat")
    int port;

    @Autowired
    ChatRoom room;

    @BeforeEach
    @AfterEach
    void emptyRoom() {
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @Test
    @Timeout(120)
    void asyncorosFramingChatsThroughTheServer() throws Exception {
        assumeTrue(python3Available(), "python3 is not on the PATH");
        assertThat(SCRIPT).exists();
        try (ChatTestClient watcher = ChatTestClient.join(this.port)) {
            Process python = new ProcessBuilder("python3", SCRIPT.toString(), "127.0.0.1", Integer.toString(this.port))
                .redirectErrorStream(true)
                .start();
            String output;
            try {
                output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("the check finished").isTrue();
            }
            finally {
                python.destroyForcibly();
            }
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).contains("ok: all checks passed");

            // The Java member saw the Python clients as members like any other.
            String firstJoined = watcher.next();
            assertThat(firstJoined).matches("\\d+ joined");
            String first = firstJoined.split(" ")[0];
            String second = watcher.next().split(" ")[0];
            watcher.expect(first + " says: hello from python: h\u00e9llo w\u00f6rld, \u4f60\u597d, \ud83d\udc4b");
            watcher.expect(second + " says: and hello back");
            watcher.expect(second + " left");
            watcher.expect(first + " left");
        }
    }

    private static boolean python3Available() {
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        }
        catch (Exception ex) {
            return false;
        }
    }
}
