package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/**
 * Secrets fed through every failure path (conversion, framing, handler exceptions, TLS) never reach the log,
 * even with asyncoro's loggers at DEBUG, while each failure is still logged.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NoPayloadInLogsTests {

    private static final String SECRET = "SECRET-7f3a";

    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() {
        this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("logging.level.io.asyncoro=DEBUG", "spring.main.banner-mode=off",
                    "asyncoro.servers.json.address=127.0.0.1", "asyncoro.servers.json.port=0", "asyncoro.servers.json.max-message-size=64B",
                    "asyncoro.servers.json.shutdown-grace-period=1s",
                    "asyncoro.servers.text.address=127.0.0.1", "asyncoro.servers.text.port=0", "asyncoro.servers.text.framing=line",
                    "asyncoro.servers.text.max-message-size=64B", "asyncoro.servers.text.shutdown-grace-period=1s",
                    "asyncoro.servers.tls.address=127.0.0.1", "asyncoro.servers.tls.port=0", "asyncoro.servers.tls.shutdown-grace-period=1s",
                    "asyncoro.servers.tls.ssl.key-store=classpath:tls/server.p12",
                    "asyncoro.servers.tls.ssl.key-store-password=changeit")
            .run();
    }

    @AfterEach
    void stop() {
        this.context.close();
    }

    @Test
    void conversionFailuresLogTypeAndPositionOnly(CapturedOutput output) throws Exception {
        try (AsyncSocket client = TestClients.connect(port("json"))) {
            client.sendMsg(TestClients.utf8("{\"item\":\"" + SECRET + "\", oops"));
            assertThat(client.recvMsg()).isNull();
        }
        try (AsyncSocket client = TestClients.connect(port("json"))) {
            client.sendMsg(TestClients.utf8("{\"quantity\":\"" + SECRET + "\"}"));
            assertThat(client.recvMsg()).isNull();
        }
        // One WARN line per connection (and, at DEBUG, the same text heading its stack trace).
        await().atMost(Duration.ofSeconds(10)).until(() -> count(output.getAll(), "closed: handler: "
                + "io.asyncoro.spring.handler.HandlerFailure: connection") == 2);
        assertThat(output.getAll()).contains("payload could not be read as " + Order.class.getName() + " (line 1, column");
        assertThat(output.getAll()).contains("[json] connection from").doesNotContain(SECRET);
    }

    @Test
    void framingFailuresLogNoPayload(CapturedOutput output) throws Exception {
        byte[] oversized = (SECRET + " ".repeat(80)).getBytes(StandardCharsets.UTF_8);
        sendRawAndAwaitClose(port("json"), frame(oversized, oversized.length));
        sendRawAndAwaitClose(port("json"), frame(TestClients.utf8(SECRET), 40)); // truncated frame
        sendRawAndAwaitClose(port("text"), oversized); // a line longer than max-message-size
        await().atMost(Duration.ofSeconds(10))
            .until(() -> count(output.getAll(), "message-too-large") >= 2 && output.getAll().contains("truncated"));
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void handlerExceptionsLogTheirClassNotTheirMessage(CapturedOutput output) throws Exception {
        for (String line : new String[] { "refuse " + SECRET, "number " + SECRET }) {
            try (AsyncSocket client = TestClients.connect(port("text"))) {
                client.sendLine(TestClients.utf8(line));
                assertThat(client.recvLine()).isNull();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("java.lang.IllegalArgumentException")
                && output.getAll().contains("java.lang.NumberFormatException"));
        assertThat(output.getAll()).contains("closed: handler").doesNotContain(SECRET);
    }

    @Test
    void tlsFailuresLogNoPayload(CapturedOutput output) throws Exception {
        sendRawAndAwaitClose(port("tls"), frame(TestClients.utf8(SECRET), SECRET.length()));
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("[tls] connection from"));
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private int port(String server) {
        return this.context.getEnvironment()
            .getRequiredProperty("local.asyncoro.servers." + server + ".port", Integer.class);
    }

    private static void sendRawAndAwaitClose(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // drain until the server closes (a TLS alert may come first)
            }
        }
        catch (java.net.SocketException reset) {
            // the server may reset rather than close: the connection is gone either way
        }
    }

    /** A frame header stating {@code length}, then {@code payload}. */
    private static byte[] frame(byte[] payload, int length) {
        byte[] out = new byte[4 + payload.length];
        out[0] = (byte) (length >>> 24);
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    record Order(String item, int quantity) {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ AsyncoroAutoConfiguration.class, SslAutoConfiguration.class,
            JacksonAutoConfiguration.class })
    static class App {

        @Bean
        JsonController jsonController() {
            return new JsonController();
        }

        @Bean
        TextController textController() {
            return new TextController();
        }

        @Bean
        TlsController tlsController() {
            return new TlsController();
        }
    }

    @SocketController("json")
    static class JsonController {

        @OnMessage
        String order(Order order) {
            return "ok";
        }
    }

    @SocketController("text")
    static class TextController {

        @OnMessage
        String said(String text) {
            if (text.startsWith("refuse")) {
                throw new IllegalArgumentException("refused: " + text);
            }
            return String.valueOf(Integer.parseInt(text.substring("number ".length())));
        }
    }

    @SocketController("tls")
    static class TlsController {

        @OnMessage
        byte[] echo(byte[] payload) {
            return payload;
        }
    }
}
