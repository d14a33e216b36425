package io.asyncoro.sample.chat.client;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientOptionsTest {

    @Test
    void defaultsToLocalhostOnTheChatPort() {
        ClientOptions options = ClientOptions.parse(List.of());
        assertThat(options.host()).isEqualTo("localhost");
        assertThat(options.port()).isEqualTo(1234);
        assertThat(options.tls()).isFalse();
    }

    @Test
    void takesHostAndPortInOrder() {
        ClientOptions options = ClientOptions.parse(List.of("chat.example", "4321"));
        assertThat(options.host()).isEqualTo("chat.example");
        assertThat(options.port()).isEqualTo(4321);
    }

    @Test
    void tlsDefaultsToTheTlsProfilePort() {
        ClientOptions options = ClientOptions.parse(List.of("--tls", "--trust", "cert.pem"));
        assertThat(options.tls()).isTrue();
        assertThat(options.port()).isEqualTo(1235);
        assertThat(options.trust()).isEqualTo(Path.of("cert.pem"));
        assertThat(options.insecure()).isFalse();
    }

    @Test
    void optionsMayComeBeforeHostAndPort() {
        ClientOptions options = ClientOptions.parse(List.of("--tls", "--insecure", "127.0.0.1", "9999"));
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9999);
        assertThat(options.insecure()).isTrue();
    }

    @Test
    void rejectsWhatMakesNoSense() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("localhost", "http")))
            .withMessageContaining("port must be a number");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("localhost", "70000")))
            .withMessageContaining("1 to 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("--insecure")))
            .withMessageContaining("need --tls");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientOptions.parse(List.of("--tls", "--insecure", "--trust", "x.pem")))
            .withMessageContaining("not both");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("--tls", "--trust")))
            .withMessageContaining("--trust needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("--verbose")))
            .withMessageContaining("unknown option --verbose");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(List.of("a", "1", "b")))
            .withMessageContaining("unexpected argument b");
    }
}
