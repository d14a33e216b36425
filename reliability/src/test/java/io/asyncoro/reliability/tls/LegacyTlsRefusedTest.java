package io.asyncoro.reliability.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.reliability.support.Canary;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.reliability.support.TestTls;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ErrorKind;

/**
 * A client that offers only TLS 1.1 or older is refused by a server on asyncoro's default protocols. Runs in
 * its own fork (surefire execution {@code legacy-tls}) where java.security re-enables TLS 1.0/1.1, so the
 * refusal is asyncoro's: the control test shows the same JVM completing a TLS 1.1 handshake when a server
 * explicitly allows it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledIfSystemProperty(named = "java.security.properties", matches = ".*legacy-tls\\.security",
        disabledReason = "runs only in the legacy-tls fork (a -Dtest filter also selects it in the default one)")
class LegacyTlsRefusedTest {

    private static final List<String> LEGACY = List.of("TLSv1.1", "TLSv1");

    @Test
    void theJdkInThisForkCanSpeakTls11WhenAServerAllowsIt() throws Exception {
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).doesNotContain("TLSv1.1");
        TlsServerConfig permissive = TestTls.server("server.p12").protocols(List.of("TLSv1.3", "TLSv1.2", "TLSv1.1")).build();
        AsyncSocketServer server = Servers.started(Servers.loopback("permissive").handler(Servers.ECHO).tls(permissive));
        try (AsyncSocket old = Servers.connectTls(server, TestTls.client(LEGACY))) {
            assertThat(old.tlsSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.1");
            old.sendMsg("old but allowed".getBytes(StandardCharsets.UTF_8));
            assertThat(old.recvMsg()).isEqualTo("old but allowed".getBytes(StandardCharsets.UTF_8));
        }
        finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void theDefaultProtocolsRefuseTls11AndOlder() throws Exception {
        CountingObserver observer = new CountingObserver();
        TlsServerConfig defaults = TestTls.server("server.p12").build();
        assertThat(defaults.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        AsyncSocketServer server = Servers.started(Servers.loopback("defaults").handler(Servers.ECHO).observer(observer)
                .tls(defaults));
        try (Canary canary = Canary.start(Servers.connectTls(server, TestTls.client()))) {
            canary.assertStillServing();
            assertThatThrownBy(() -> Servers.connectTls(server, TestTls.client(LEGACY)).close())
                    .isInstanceOf(SSLHandshakeException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.HANDSHAKE) == 1);
            canary.assertStillServing();
        }
        finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
