package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.sample.chat.TerminalClientTest.Terminal;
import io.asyncoro.sample.chat.client.ChatClient;
import io.asyncoro.sample.chat.tls.DemoTlsKeyStore;
import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/**
 * The {@code tls} profile: a demo key generated on first start, the chat over TLS on a second server that
 * shares the room with the plain one, and the terminal client's {@code --tls} mode trusting the generated
 * certificate.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "asyncoro.servers.chat.port=0",
        "asyncoro.servers.chat-tls.port=0", "chat.demo-tls.directory=" + TlsProfileTest.DEMO_DIR })
@ActiveProfiles("tls")
@Timeout(60)
class TlsProfileTest {

    static final String DEMO_DIR = "target/tls-profile-test/.asyncoro-demo-tls";

    @LocalAsyncoroServerPort("chat")
    int plainPort;

    @LocalAsyncoroServerPort("chat-tls")
    int tlsPort;

    @Autowired
    ChatRoom room;

    @BeforeAll
    static void startWithoutAKey() throws IOException {
        // Runs before the context starts: the test sees the first start generate the key.
        Path dir = Path.of(DEMO_DIR);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @BeforeEach
    @AfterEach
    void emptyRoom() {
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @Test
    void theFirstStartGeneratedADemoKey() {
        Path dir = Path.of(DEMO_DIR);
        assertThat(dir.resolve(DemoTlsKeyStore.KEY_STORE_FILE)).isRegularFile();
        assertThat(dir.resolve(DemoTlsKeyStore.CERTIFICATE_FILE)).isRegularFile();
        assertThat(this.tlsPort).isPositive().isNotEqualTo(this.plainPort);
    }

    @Test
    void theTerminalClientChatsOverTlsWithPlainMembers() throws Exception {
        Path certificate = Path.of(DEMO_DIR, DemoTlsKeyStore.CERTIFICATE_FILE);
        try (ChatTestClient plain = ChatTestClient.join(this.plainPort); Terminal terminal = new Terminal()) {
            CompletableFuture<Integer> exit = terminal.start(List.of("--tls", "--trust", certificate.toString(),
                    "localhost", Integer.toString(this.tlsPort)));
            String greeting = terminal.out.next(ChatTestClient.WAIT);
            assertThat(greeting).matches("id: \\d+");
            String n = greeting.substring(4);
            assertThat(terminal.err.all()).anyMatch(line -> line.contains("over TLS"));
            plain.expect(n + " joined");

            terminal.type("hello over TLS");
            plain.expect(n + " says: hello over TLS");
            plain.say("hello in the clear");
            assertThat(terminal.out.next(ChatTestClient.WAIT)).isEqualTo(plain.number() + " says: hello in the clear");

            terminal.endInput();
            plain.expect(n + " left");
            assertThat(exit.get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ChatClient.OK);
        }
    }

    @Test
    void aTlsMemberVerifiesTheServerAgainstTheDemoCertificate() throws Exception {
        Path certificate = Path.of(DEMO_DIR, DemoTlsKeyStore.CERTIFICATE_FILE);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("demo",
                    CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TlsClientConfig tls = TlsClientConfig.builder().sslContext(SslContexts.create(null, null, trust)).build();
        try (ChatTestClient secure = ChatTestClient.connectTls(this.tlsPort, tls)) {
            secure.readGreeting();
            try (ChatTestClient plain = ChatTestClient.join(this.plainPort)) {
                secure.expect(plain.number() + " joined");
                plain.say("across servers");
                secure.expect(plain.number() + " says: across servers");
            }
        }
    }

    @Test
    void withoutTrustingTheDemoCertificateTheClientRefusesTheServer() throws Exception {
        try (Terminal terminal = new Terminal()) {
            int status = terminal.start(List.of("--tls", "localhost", Integer.toString(this.tlsPort)))
                .get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(status).isEqualTo(ChatClient.CONNECTION_FAILED);
            assertThat(terminal.err.all()).anyMatch(line -> line.contains("--trust"));
            assertThat(this.room.size()).isZero();
        }
    }
}
