package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.RunningExample;
import io.asyncoro.server.AsyncSocketServer;

/** echo-client must fail, and say where, when the echo is not the message sent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoClientDetectsFaultsTest {

    @Test
    void reportsEachCorruptedEchoAndExitsWithFailure() throws Exception {
        // A faulty echo server: from 1000 bytes up, the last byte of each message comes back changed.
        AsyncSocketServer faulty = AsyncSocketServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .maxMessageSize(2 << 20)
                .handler(sock -> {
                    for (byte[] m = sock.recvMsg(); m != null; m = sock.recvMsg()) {
                        if (m.length >= 1000) {
                            m[m.length - 1] ^= 0x40;
                        }
                        sock.sendMsg(m);
                    }
                })
                .build();
        faulty.start();
        try {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(faulty.localPort()));
            client.assertExit(1);
            assertThat(client.out.snapshot()).contains("PASS framed 255 bytes", "FAIL framed 1000 bytes: byte 999 differs",
                    "FAIL framed 1048576 bytes: byte 1048575 differs", "PASS framed end of stream");
            assertThat(client.out.snapshot()).last().isEqualTo("9 passed, 5 failed");
        }
        finally {
            faulty.stop();
        }
    }

    @Test
    void reportsAServerThatHangsUpMidway() throws Exception {
        // Answers the first three messages, then closes: the client must not pass what it never got back.
        AsyncSocketServer quitter = AsyncSocketServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .handler(sock -> {
                    for (int i = 0; i < 3; i++) {
                        sock.sendMsg(sock.recvMsg());
                    }
                })
                .build();
        quitter.start();
        try {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(quitter.localPort()));
            client.assertExit(1);
            assertThat(client.out.snapshot()).contains("PASS framed 2 bytes", "FAIL framed 3 bytes: end of stream instead of an echo");
            assertThat(client.out.snapshot()).last().asString().endsWith("failed").doesNotEndWith(" 0 failed");
        }
        finally {
            quitter.stop();
        }
    }
}
