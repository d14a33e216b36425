package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.asyncoro.sample.chat.TerminalClientTest.Terminal;
import io.asyncoro.sample.chat.client.ChatClient;
import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/**
 * The {@code tls} profile serving a key of one's own through a {@code spring.ssl.bundle.*} bundle, as the
 * README describes: no demo key is generated, and clients see the bundle's certificate.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "asyncoro.servers.chat.port=0",
        "asyncoro.servers.chat-tls.port=0", "chat.demo-tls.enabled=false",
        "chat.demo-tls.directory=" + TlsOwnKeyTest.UNUSED_DEMO_DIR, "asyncoro.servers.chat-tls.ssl.bundle=mine",
        "spring.ssl.bundle.jks.mine.keystore.location=classpath:tls/server.p12",
        "spring.ssl.bundle.jks.mine.keystore.password=changeit" })
@ActiveProfiles("tls")
@Timeout(60)
class TlsOwnKeyTest {

    static final String UNUSED_DEMO_DIR = "target/tls-own-key-test/.asyncoro-demo-tls";

    @LocalAsyncoroServerPort("chat-tls")
    int tlsPort;

    @Test
    void servesTheBundlesKeyAndMakesNoDemoKey() throws Exception {
        try (Terminal terminal = new Terminal()) {
            CompletableFuture<Integer> exit = terminal.start(List.of("--tls", "--trust", "src/test/resources/tls/server-cert.pem",
                    "localhost", Integer.toString(this.tlsPort)));
            assertThat(terminal.out.next(ChatTestClient.WAIT)).matches("id: \\d+");
            terminal.endInput();
            assertThat(exit.get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ChatClient.OK);
        }
        assertThat(Files.exists(Path.of(UNUSED_DEMO_DIR))).isFalse();
    }
}
