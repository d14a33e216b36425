package io.asyncoro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/** Message observations in a whole Boot application, around real {@code @OnMessage} invocations. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageObservationEndToEndTest {

    private static ConfigurableApplicationContext run(boolean observationsEnabled) {
        return new SpringApplicationBuilder(ObservedApplication.class).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "asyncoro.servers.chat.port=0",
                    "asyncoro.servers.chat.address=127.0.0.1", "asyncoro.servers.chat.shutdown-grace-period=2s",
                    "asyncoro.observations.enabled=" + observationsEnabled)
            .run();
    }

    private static void exchange(ConfigurableApplicationContext context, String... texts) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.asyncoro.servers.chat.port"));
        try (AsyncSocket client = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(10))) {
            client.setTimeout(Duration.ofSeconds(10));
            for (String text : texts) {
                client.sendMsg(text.getBytes(StandardCharsets.UTF_8));
                assertThat(new String(client.recvMsg(), StandardCharsets.UTF_8)).isEqualTo(text.toUpperCase());
            }
        }
    }

    @Test
    void observesEachMessageWhenEnabled() throws Exception {
        try (ConfigurableApplicationContext context = run(true)) {
            exchange(context, "hello", "again");
            Recorder recorder = context.getBean(Recorder.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.stopped).hasSize(2));
            for (MessageHandlingContext observed : recorder.stopped) {
                assertThat(observed.getName()).isEqualTo("asyncoro.message.handling");
                assertThat(observed.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("server", "chat"));
                assertThat(observed.getHighCardinalityKeyValue("connection.id")).isNotNull();
            }
            // The handler ran inside the observation's scope: a tracer would parent its spans on it.
            assertThat(context.getBean(ObservedController.class).observedInside).containsOnly(true);
            // Boot's meter handler turns the observation into a timer: the server, and Micrometer's own error tag.
            var timer = context.getBean(MeterRegistry.class)
                .get("asyncoro.message.handling")
                .tag("server", "chat")
                .timer();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(timer.count()).isEqualTo(2));
            assertThat(timer.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                .containsExactlyInAnyOrder("server", "error");
        }
    }

    @Test
    void observesNothingByDefault() throws Exception {
        try (ConfigurableApplicationContext context = run(false)) {
            exchange(context, "quiet");
            assertThat(context.getBeansOfType(ObservationMessageHandlerInterceptor.class)).isEmpty();
            assertThat(context.getBean(ObservedController.class).observedInside).containsOnly(false);
            assertThat(context.getBean(Recorder.class).stopped).isEmpty();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ObservedController.class)
    static class ObservedApplication {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    static class Recorder implements ObservationHandler<MessageHandlingContext> {

        final List<MessageHandlingContext> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(MessageHandlingContext context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof MessageHandlingContext;
        }
    }

    @SocketController("chat")
    static class ObservedController {

        final List<Boolean> observedInside = new CopyOnWriteArrayList<>();

        private final ObservationRegistry observations;

        ObservedController(ObservationRegistry observations) {
            this.observations = observations;
        }

        @OnMessage
        String said(String text) {
            this.observedInside.add(this.observations.getCurrentObservation() != null);
            return text.toUpperCase();
        }
    }
}
