package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncSocketServerSmokeTest {

    @Test
    void echoesFramedMessages() throws Exception {
        AsyncSocketServer server = AsyncSocketServer.builder()
                .name("echo")
                .address(InetAddress.getLoopbackAddress())
                .handler(sock -> {
                    byte[] m;
                    while ((m = sock.recvMsg()) != null) {
                        sock.sendMsg(m);
                    }
                })
                .build();
        server.start();
        try (AsyncSocket client = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", server.localPort()), Duration.ofSeconds(5))) {
            client.sendMsg("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("hello");
            client.shutdownOutput();
            assertThat(client.recvMsg()).isNull();
        }
        finally {
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(server.isListening()).isFalse();
    }
}
