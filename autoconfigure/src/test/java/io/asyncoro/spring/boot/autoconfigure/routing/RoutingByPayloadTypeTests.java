package io.asyncoro.spring.boot.autoconfigure.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.convert.UnroutablePayloadException;
import io.asyncoro.spring.handler.InvalidHandlerMethodException;

/** Several {@code @OnMessage} methods told apart by payload type, over real connections. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoutingByPayloadTypeTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, AsyncoroAutoConfiguration.class))
        .withPropertyValues("asyncoro.servers.bank.port=0", "asyncoro.servers.bank.address=127.0.0.1",
                "asyncoro.servers.bank.framing=line", "asyncoro.servers.bank.shutdown-grace-period=1s");

    @Test
    void eachRecordTypeReachesItsMethodAndAnUnknownOneGetsAnErrorReply() {
        this.runner.withBean(BankController.class).run(context -> {
            try (AsyncSocket socket = connect(context)) {
                assertThat(request(socket, "{\"type\":\"deposit\",\"amount\":5}")).isEqualTo("deposited 5");
                assertThat(request(socket, "{\"type\":\"withdraw\",\"amount\":3}")).isEqualTo("withdrew 3");
                assertThat(request(socket, "{\"type\":\"transfer\",\"amount\":1}")).isEqualTo("error: unknown command");
                assertThat(request(socket, "not json")).isEqualTo("error: unknown command");
                // The connection stayed open through both errors.
                assertThat(request(socket, "{\"type\":\"deposit\",\"amount\":7}")).isEqualTo("deposited 7");
            }
        });
    }

    @Test
    void withoutOnErrorAnUnknownTypeClosesOnlyThatConnection() {
        this.runner.withBean(StrictBankController.class).run(context -> {
            try (AsyncSocket bad = connect(context); AsyncSocket good = connect(context)) {
                bad.sendLine("{\"type\":\"transfer\",\"amount\":1}".getBytes(StandardCharsets.UTF_8));
                assertThat(bad.recvLine()).isNull();
                assertThat(request(good, "{\"type\":\"withdraw\",\"amount\":2}")).isEqualTo("withdrew 2");
            }
        });
    }

    @Test
    void typesJsonCannotTellApartFailStartupWithAnAnalysis() {
        this.runner.withBean(AmbiguousController.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(InvalidHandlerMethodException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("@JsonTypeInfo");
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("ambiguous");
        });
    }

    @Test
    void aStringMethodBesideAnotherIsAmbiguous() {
        this.runner.withBean(StringAndRecordController.class).run(context -> assertThat(context.getStartupFailure())
            .isInstanceOf(InvalidHandlerMethodException.class).hasMessageContaining("takes every message"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        // As SpringApplication loads them: analyzers needing a bean factory are skipped, not fatal.
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                null, FailureHandler.logging(LogFactory.getLog(RoutingByPayloadTypeTests.class)))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no failure analyzer explains " + failure, failure);
    }

    private static AsyncSocket connect(ApplicationContext context) throws IOException {
        int port = context.getEnvironment().getProperty("local.asyncoro.servers.bank.port", Integer.class);
        AsyncSocket socket = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT);
        socket.setTimeout(TIMEOUT);
        return socket;
    }

    private static String request(AsyncSocket socket, String line) throws IOException {
        socket.sendLine(line.getBytes(StandardCharsets.UTF_8));
        return new String(socket.recvLine(), StandardCharsets.UTF_8);
    }

    /** Commands told apart by their {@code type} property. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({ @JsonSubTypes.Type(value = Deposit.class, name = "deposit"),
            @JsonSubTypes.Type(value = Withdraw.class, name = "withdraw") })
    sealed interface Command permits Deposit, Withdraw {
    }

    record Deposit(int amount) implements Command {
    }

    record Withdraw(int amount) implements Command {
    }

    record Untyped(int amount) {
    }

    record AlsoUntyped(String name) {
    }

    @SocketController("bank")
    static class StrictBankController {

        @OnMessage
        String deposit(Deposit deposit) {
            return "deposited " + deposit.amount();
        }

        @OnMessage
        String withdraw(Withdraw withdraw) {
            return "withdrew " + withdraw.amount();
        }
    }

    @SocketController("bank")
    static class BankController extends StrictBankController {

        @OnError
        void unknown(AsyncConnection connection, UnroutablePayloadException ex) {
            connection.send("error: unknown command");
        }
    }

    @SocketController("bank")
    static class AmbiguousController {

        @OnMessage
        void one(Untyped value) {
        }

        @OnMessage
        void other(AlsoUntyped value) {
        }
    }

    @SocketController("bank")
    static class StringAndRecordController {

        @OnMessage
        void text(String value) {
        }

        @OnMessage
        void deposit(Deposit value) {
        }
    }
}
