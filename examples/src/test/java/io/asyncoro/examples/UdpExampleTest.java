package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.RunningExample;

/** {@code udp [n]}: an echo server and n clients exchanging datagrams with sendTo and recvFrom. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpExampleTest {

    @Test
    void everyClientGetsItsOwnDatagramBack() throws Exception {
        RunningExample udp = RunningExample.runToEnd("udp", "20");
        udp.assertExit(0);
        List<String> out = udp.out.snapshot();
        assertThat(out.getFirst()).matches("udp server at 127\\.0\\.0\\.1:\\d+");
        for (int i = 0; i < 20; i++) {
            String sent = "\"client " + i + " from port ";
            String echoed = "client " + i + " got its echo: " + sent;
            assertThat(out).anyMatch(l -> l.startsWith("server received " + sent));
            assertThat(out).anyMatch(l -> l.startsWith(echoed));
        }
        assertThat(out).last().isEqualTo("20 of 20 echoes received");
    }

    @Test
    void noClientsNoEchoes() throws Exception {
        RunningExample udp = RunningExample.runToEnd("udp", "0");
        udp.assertExit(0);
        assertThat(udp.out.snapshot()).last().isEqualTo("0 of 0 echoes received");
    }
}
