package io.asyncoro.spring.boot.autoconfigure.client;

import static io.asyncoro.spring.boot.autoconfigure.client.ClientServerRunners.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.asyncoro.net.codec.Codec;
import io.asyncoro.net.codec.Codecs;
import io.asyncoro.spring.client.AsyncoroClientTemplate;

/**
 * Every framing end to end through the starter: a server bean and a client bean, each configured from the same
 * framing properties, in two applications talking over loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FramingsEndToEndTests {

    static Stream<Arguments> framings() {
        return Stream.of(
                Arguments.of("message", new String[] { "framing=message" }),
                Arguments.of("line", new String[] { "framing=line" }),
                Arguments.of("raw", new String[] { "framing=raw" }),
                Arguments.of("crlf", new String[] { "framing=crlf" }),
                Arguments.of("stx-etx", new String[] { "framing=stx-etx" }),
                Arguments.of("delimiter", new String[] { "framing=delimiter", "delimiter=\\x1E" }),
                Arguments.of("fixed", new String[] { "framing=fixed", "fixed-length=8" }),
                Arguments.of("length-field 2 bytes", new String[] { "framing=length-field", "length-field.length=2" }),
                Arguments.of("length-field 1 byte", new String[] { "framing=length-field", "length-field.length=1" }),
                Arguments.of("length-field 8 bytes little endian, counting the header",
                        new String[] { "framing=length-field", "length-field.length=8",
                                "length-field.byte-order=little", "length-field.includes-header=true" }),
                Arguments.of("length-field 4 bytes, adjustment -2",
                        new String[] { "framing=length-field", "length-field.adjustment=-2" }),
                Arguments.of("codec bean", new String[] { "codec=pipeCodec" }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void aClientBeanTalksToAServerBean(String name, String[] framing) {
        ClientServerRunners.upperServer()
            .withBean("pipeCodec", Codec.class, () -> Codecs.delimiter(new byte[] { '|' }, 1024))
            .withPropertyValues(prefixed("asyncoro.servers.upper.", framing))
            .run(server -> {
                int port = ClientServerRunners.port(server, "upper");
                ClientServerRunners.caller()
                    .withBean("pipeCodec", Codec.class, () -> Codecs.delimiter(new byte[] { '|' }, 1024))
                    .withPropertyValues("asyncoro.clients.upper.host=127.0.0.1", "asyncoro.clients.upper.port=" + port)
                    .withPropertyValues(prefixed("asyncoro.clients.upper.", framing))
                    .run(client -> {
                        AsyncoroClientTemplate upper = client.getBean(ClientServerRunners.Caller.class).upper;
                        assertThat(upper.request("hello-01", String.class, TIMEOUT)).isEqualTo("HELLO-01");
                        // A second request reuses the pooled connection, its reader's buffer included.
                        assertThat(upper.request("again-02", String.class, TIMEOUT)).isEqualTo("AGAIN-02");
                        assertThat(upper.openConnections()).isEqualTo(1);
                    });
            });
    }

    private static String[] prefixed(String prefix, String[] properties) {
        return Arrays.stream(properties).map(p -> prefix + p).toArray(String[]::new);
    }
}
