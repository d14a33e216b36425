package io.asyncoro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.spring.handler.MessageHandlerInterceptor;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

class AsyncoroObservationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(ObservationAutoConfiguration.class, AsyncoroObservationAutoConfiguration.class))
        .withUserConfiguration(RecordingHandlerConfiguration.class);

    @Test
    void offByDefault() {
        this.runner.run(context -> assertThat(context).hasSingleBean(ObservationRegistry.class)
            .doesNotHaveBean(MessageHandlerInterceptor.class));
    }

    @Test
    void observesEachHandledMessageWhenEnabled() {
        this.runner.withPropertyValues("asyncoro.observations.enabled=true").run(context -> {
            MessageHandlerInterceptor interceptor = context.getBean(MessageHandlerInterceptor.class);
            RecordingHandler handler = context.getBean(RecordingHandler.class);
            assertThat(context.getBean(AsyncoroObservationProperties.class).isEnabled()).isTrue();

            Object reply = interceptor.intercept("chat", "42", () -> {
                assertThat(context.getBean(ObservationRegistry.class).getCurrentObservation()).isNotNull();
                return "pong";
            });
            assertThat(reply).isEqualTo("pong");
            assertThatIllegalStateException().isThrownBy(() -> interceptor.intercept("chat", "43", () -> {
                throw new IllegalStateException("refused");
            }));

            assertThat(handler.stopped).hasSize(2);
            MessageHandlingContext ok = handler.stopped.get(0);
            assertThat(ok.getName()).isEqualTo("asyncoro.message.handling");
            assertThat(ok.getContextualName()).isEqualTo("asyncoro chat message");
            assertThat(ok.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("server", "chat"));
            assertThat(ok.getHighCardinalityKeyValues()).containsExactly(KeyValue.of("connection.id", "42"));
            assertThat(ok.getError()).isNull();
            assertThat(handler.stopped.get(1).getError()).hasMessage("refused");
        });
    }

    @Test
    void usesACustomConvention() {
        this.runner.withPropertyValues("asyncoro.observations.enabled=true")
            .withBean(MessageHandlingObservationConvention.class, () -> new DefaultMessageHandlingObservationConvention() {
                @Override
                public String getName() {
                    return "chat.messages";
                }
            })
            .run(context -> {
                context.getBean(MessageHandlerInterceptor.class).intercept("chat", "1", () -> null);
                assertThat(context.getBean(RecordingHandler.class).stopped).singleElement()
                    .extracting(Observation.Context::getName)
                    .isEqualTo("chat.messages");
            });
    }

    @Test
    void backsOffWithoutMicrometerObservation() {
        this.runner.withPropertyValues("asyncoro.observations.enabled=true")
            .withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MessageHandlerInterceptor.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingHandlerConfiguration {

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }
    }

    static class RecordingHandler implements ObservationHandler<MessageHandlingContext> {

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
}
