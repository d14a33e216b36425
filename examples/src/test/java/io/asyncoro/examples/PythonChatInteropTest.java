package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.chat.ChatSockServer;
import io.asyncoro.examples.support.ChildProcess;
import io.asyncoro.examples.support.RunningExample;
import io.asyncoro.server.AsyncSocketServer;

/** Python ports of asyncoro's chat_sock_client (interop/chat_sock_client.py) chatting through the Java server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PythonChatInteropTest {

    private static final Path SCRIPT = Path.of("interop", "chat_sock_client.py");

    @Test
    @DisplayName("Python chat clients chat through chat-sock-server, with a Java client (skipped when python3 is not on PATH)")
    void pythonClientsChatThroughTheJavaServer() throws Exception {
        assumeTrue(ChildProcess.pythonAvailable(), "python3 is not on PATH: skipping the Python chat interop test");
        AsyncSocketServer server = ChatSockServer.start("127.0.0.1", 0);
        String port = String.valueOf(server.localPort());
        try (ChildProcess first = ChildProcess.python(SCRIPT, "127.0.0.1", port)) {
            first.out.await("id: 1");
            try (ChildProcess second = ChildProcess.python(SCRIPT, "127.0.0.1", port)) {
                second.out.await("id: 2");
                first.out.await("2 joined");
                try (RunningExample java = RunningExample.start("chat-sock-client", "127.0.0.1", port)) {
                    java.out.await("id: 3");
                    first.out.await("3 joined");
                    second.out.await("3 joined");

                    second.type("hello from python");
                    first.out.await("2 says: hello from python");
                    java.out.await("2 says: hello from python");

                    java.type("hello from java");
                    first.out.await("3 says: hello from java");
                    second.out.await("3 says: hello from java");

                    second.type("quit"); // half-closes; the server answers by closing
                    first.out.await("2 left");
                    java.out.await("2 left");
                    second.assertExit(0);

                    java.closeStdin();
                    first.out.await("3 left");
                    java.assertExit(0);
                }
                first.closeStdin();
                first.assertExit(0);
                assertThat(first.out.snapshot()).containsExactly("id: 1", "2 joined", "3 joined",
                        "2 says: hello from python", "3 says: hello from java", "2 left", "3 left");
            }
        }
        finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
