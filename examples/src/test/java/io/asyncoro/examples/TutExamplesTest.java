package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.RunningExample;
import io.asyncoro.net.AsyncSocket;

/** asyncoro's tutorial pair: tut-sock-client's requests counted by tut-sock-server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TutExamplesTest {

    private static final Pattern LISTENING = Pattern.compile("tut-sock-server listening on 127\\.0\\.0\\.1:(\\d+); type quit to stop");
    private static final Pattern REQUEST = Pattern.compile("received: (\\d+): -{100,300}/");

    @Test
    void serverCountsEveryClientsRequest() throws Exception {
        try (RunningExample server = RunningExample.start("tut-sock-server", "127.0.0.1", "0")) {
            String port = port(server);

            RunningExample client = RunningExample.runToEnd("tut-sock-client", "10", "127.0.0.1", port);
            client.assertExit(0);
            assertThat(client.out.snapshot()).containsExactly("sent 10 of 10 requests to 127.0.0.1:" + port);

            server.out.await(l -> server.out.count(REQUEST.asMatchPredicate()) == 10, "10 requests");
            Set<String> ids = server.out.snapshot().stream().map(REQUEST::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1)).collect(Collectors.toSet());
            assertThat(ids).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

            server.type("quit");
            server.assertExit(0);
            assertThat(server.out.snapshot()).last().isEqualTo("n = 10");
        }
    }

    @Test
    void requestCutShortIsNotCounted() throws Exception {
        try (RunningExample server = RunningExample.start("tut-sock-server", "127.0.0.1", "0")) {
            int port = Integer.parseInt(port(server));
            try (AsyncSocket sock = AsyncSocket.connect("127.0.0.1", port)) {
                sock.sendAll("no end".getBytes(StandardCharsets.UTF_8));
            }
            server.out.await(l -> l.startsWith("incomplete request from "), "the incomplete request");
            server.closeStdin(); // end of input stops the server as quit does
            server.assertExit(0);
            assertThat(server.out.snapshot()).last().isEqualTo("n = 0");
        }
    }

    @Test
    void clientFailsWhenNoServerListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed: nobody listens there
        }
        RunningExample client = RunningExample.runToEnd("tut-sock-client", "3", "127.0.0.1", String.valueOf(port));
        client.assertExit(1);
        assertThat(client.out.snapshot()).containsExactly("sent 0 of 3 requests to 127.0.0.1:" + port);
        assertThat(client.err.snapshot()).hasSize(3).allMatch(l -> l.contains("Connection refused"));
    }

    private static String port(RunningExample server) {
        Matcher m = LISTENING.matcher(server.out.await(l -> LISTENING.matcher(l).matches(), "its listening line"));
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }
}
