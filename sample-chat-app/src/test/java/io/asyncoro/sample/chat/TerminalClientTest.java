package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import io.asyncoro.sample.chat.client.ChatClient;
import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/** The terminal client, driven through its standard input, chatting with a member of the room. */
@ChatAppTest
class TerminalClientTest {

    private static final Duration WAIT = ChatTestClient.WAIT;

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
    void chatsAndLeavesOnQuitInAnyCase() throws Exception {
        try (ChatTestClient member = ChatTestClient.join(this.port); Terminal terminal = new Terminal()) {
            CompletableFuture<Integer> exit = terminal.start(List.of("127.0.0.1", Integer.toString(this.port)));
            String greeting = terminal.out.next(WAIT);
            assertThat(greeting).matches("id: \\d+");
            String n = greeting.substring(4);
            member.expect(n + " joined");

            terminal.type("hello from the terminal, gr\u00fc\u00df dich \ud83d\udc4b");
            member.expect(n + " says: hello from the terminal, gr\u00fc\u00df dich \ud83d\udc4b");
            member.say("hi terminal");
            assertThat(terminal.out.next(WAIT)).isEqualTo(member.number() + " says: hi terminal");

            terminal.type("  QUIT ");
            member.expect(n + " left");
            assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ChatClient.OK);
            assertThat(terminal.err.all()).anyMatch(line -> line.contains("connection closed by the server"));
            assertThat(terminal.out.all()).containsExactly(greeting, member.number() + " says: hi terminal");
        }
    }

    @Test
    void endOfInputHalfClosesAndWaitsForTheServer() throws Exception {
        try (ChatTestClient member = ChatTestClient.join(this.port); Terminal terminal = new Terminal()) {
            CompletableFuture<Integer> exit = terminal.start(List.of("127.0.0.1", Integer.toString(this.port)));
            String n = terminal.out.next(WAIT).substring(4);
            member.expect(n + " joined");

            terminal.type("last words");
            terminal.endInput();
            member.expect(n + " says: last words");
            member.expect(n + " left");
            assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ChatClient.OK);
        }
    }

    @Test
    void reportsAServerThatIsNotThere() throws Exception {
        try (Terminal terminal = new Terminal()) {
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                closedPort = probe.getLocalPort();
            }
            int status = terminal.start(List.of("127.0.0.1", Integer.toString(closedPort))).get(WAIT.toSeconds(),
                    TimeUnit.SECONDS);
            assertThat(status).isEqualTo(ChatClient.CONNECTION_FAILED);
            assertThat(terminal.err.all()).anyMatch(line -> line.contains("cannot connect to 127.0.0.1:" + closedPort));
        }
    }

    @Test
    @Timeout(120)
    void theJarsMainRunsTheClientInAProcessOfItsOwn() throws Exception {
        try (ChatTestClient member = ChatTestClient.join(this.port)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    ChatApplication.class.getName(), ChatApplication.CLIENT_FLAG, "127.0.0.1",
                    Integer.toString(this.port))
                .redirectErrorStream(false)
                .start();
            try {
                String joined = member.next();
                assertThat(joined).matches("\\d+ joined");
                String n = joined.substring(0, joined.indexOf(' '));
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write("hello from another process\n".getBytes(StandardCharsets.UTF_8));
                }
                member.expect(n + " says: hello from another process");
                member.expect(n + " left");
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the client exited").isTrue();
                assertThat(process.exitValue()).isZero();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(stdout.strip()).isEqualTo("id: " + n);
            }
            finally {
                process.destroyForcibly();
            }
        }
    }

    /** The client's standard streams, with the client run on a thread of its own. */
    static final class Terminal implements AutoCloseable {

        final LineCollector out = new LineCollector();

        final LineCollector err = new LineCollector();

        private final PipedOutputStream keyboard = new PipedOutputStream();

        private final PipedInputStream stdin;

        Terminal() throws IOException {
            this.stdin = new PipedInputStream(this.keyboard, 64 * 1024);
        }

        CompletableFuture<Integer> start(List<String> args) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("terminal-client").start(() -> {
                try {
                    exit.complete(ChatClient.run(args, this.stdin, this.out.printStream(), this.err.printStream()));
                }
                catch (Throwable ex) {
                    exit.completeExceptionally(ex);
                }
            });
            return exit;
        }

        void type(String line) throws IOException {
            this.keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            this.keyboard.flush();
        }

        void endInput() throws IOException {
            this.keyboard.close();
        }

        @Override
        public void close() throws IOException {
            this.keyboard.close();
        }
    }
}
