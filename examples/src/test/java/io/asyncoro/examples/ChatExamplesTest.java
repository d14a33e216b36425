package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code chat-sock-server} in a JVM of its own with three {@code chat-sock-client}s:
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
        try (RunningExample a = client()) {
            a.out.await("id: 1");
            try (RunningExample b = client()) {
                b.out.await("id: 2");
                a.out.await("2 joined");
                try (RunningExample c = client()) {
                    c.out.await("id: 3");
                    a.out.await("3 joined");
                    b.out.await("3 joined");
                    talk(a, b, c);
                }
            }
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

    private static void talk(RunningExample a, RunningExample b, RunningExample c) throws Exception {
        a.type("hello from a");
        b.out.await("1 says: hello from a");
        c.out.await("1 says: hello from a");

        c.type("hi from c");
        a.out.await("3 says: hi from c");
        b.out.await("3 says: hi from c");

        // quit half-closes b's connection: the others hear it left, and the server closes b's connection
        b.type("quit");
        a.out.await("2 left");
        c.out.await("2 left");
        b.assertExit(0);

        // the end of c's input does the same
        c.closeStdin();
        a.out.await("3 left");
        c.assertExit(0);

        // nobody hears their own words
        assertThat(a.out.snapshot()).doesNotContain("1 says: hello from a");
        assertThat(c.out.snapshot()).doesNotContain("3 says: hi from c");
    }

    private RunningExample client() throws Exception {
        return RunningExample.start("chat-sock-client", "127.0.0.1", port);
    }
}
