package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.ChildProcess;
import io.asyncoro.examples.support.RunningExample;

/**
 * {@code chat-sock-server} in a JVM of its own with three {@code chat-sock-client}s (DESIGN.md section 9):
 * {@code id: n} for a newcomer, {@code n joined}, {@code n says: text} and {@code n left} for the others.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChatExamplesTest {

    private static final Pattern LISTENING = Pattern.compile("chat-sock-server listening on 127\\.0\\.0\\.1:(\\d+)");

    private ChildProcess server;
    private String port;

    @BeforeEach
    void startServer() throws Exception {
        server = ChildProcess.java("chat-sock-server", "127.0.0.1", "0");
        Matcher m = LISTENING.matcher(server.out.await(l -> LISTENING.matcher(l).matches(), "its listening line"));
        assertThat(m.matches()).isTrue();
        port = m.group(1);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void threeClientsJoinTalkAndLeave() throws Exception {
        try (RunningExample a = client(); RunningExample b = client(); RunningExample c = client()) {
            a.out.await("id: 1");
            // b and c are started together with a; the server numbers them in the order they connect
            b.out.await(l -> l.startsWith("id: "), "its id");
            c.out.await(l -> l.startsWith("id: "), "its id");
            String bId = b.out.snapshot().getFirst().substring(4);
            String cId = c.out.snapshot().getFirst().substring(4);
            assertThat(Set.of(bId, cId)).containsExactlyInAnyOrder("2", "3");
            a.out.await(bId + " joined");
            a.out.await(cId + " joined");

            a.type("hello from a");
            b.out.await("1 says: hello from a");
            c.out.await("1 says: hello from a");

            c.type("hi from c");
            a.out.await(cId + " says: hi from c");
            b.out.await(cId + " says: hi from c");

            // quit half-closes b's connection: the others hear it left, and the server closes b's connection
            b.type("quit");
            a.out.await(bId + " left");
            c.out.await(bId + " left");
            b.assertExit(0);

            // the end of c's input does the same
            c.closeStdin();
            a.out.await(cId + " left");
            c.assertExit(0);

            // nobody hears their own words
            assertThat(a.out.snapshot()).doesNotContain("1 says: hello from a");
            assertThat(c.out.snapshot()).doesNotContain(cId + " says: hi from c");

            // a small number, reused: the newcomer takes the lowest free one
            try (RunningExample d = client()) {
                d.out.await("id: 2");
                a.out.await("2 joined");
                a.type("exit");
                d.out.await("1 left");
                a.assertExit(0);
                d.closeStdin();
                d.assertExit(0);
            }
        }
        assertThat(server.isAlive()).isTrue();
    }

    private RunningExample client() throws Exception {
        return RunningExample.start("chat-sock-client", "127.0.0.1", port);
    }
}
