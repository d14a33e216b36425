package io.asyncoro.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;

/**
 * AOT processing of a context with a {@link SocketController} registers what the controller needs at run time
 * (found through {@code META-INF/spring/aot.factories}, as Spring's AOT engine finds it): its handler methods,
 * inherited ones too, for invocation, and its record payload and reply types for binding.
 */
class SocketControllerRuntimeHintsTests {

    private RuntimeHints hints;

    @BeforeEach
    void processAheadOfTime() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("chatController", ChatController.class);
            context.registerBean("plain", Plain.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(SocketControllerRuntimeHintsTests.class)),
                    new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            this.hints = generation.getRuntimeHints();
        }
    }

    @Test
    void handlerMethodsCanBeInvoked() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ChatController.class, "said")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Endpoint.class, "joined")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ChatController.class, "helper"))
            .rejects(this.hints);
    }

    @Test
    void recordPayloadAndReplyTypesCanBeBound() {
        assertThat(RuntimeHintsPredicates.reflection().onType(Greeting.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeting.class, "text")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reply.class, "count")).accepts(this.hints);
    }

    @Test
    void suppliedArgumentsAndOtherBeansGetNoBindingHints() {
        assertThat(RuntimeHintsPredicates.reflection().onType(AsyncConnection.class)).rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Plain.class, "handle")).rejects(this.hints);
    }

    /** A JSON payload. */
    record Greeting(String text) {
    }

    /** A JSON reply. */
    record Reply(String text, int count) {
    }

    abstract static class Endpoint {

        @OnConnect
        String joined(AsyncConnection connection) {
            return "hello";
        }
    }

    @SocketController("chat")
    static class ChatController extends Endpoint {

        @OnMessage
        Reply said(Greeting greeting, AsyncConnection connection) {
            return new Reply(greeting.text(), 1);
        }

        String helper() {
            return "not a handler";
        }
    }

    /** Not a controller: its annotated-looking method is none of asyncoro's business. */
    static class Plain {

        @OnMessage
        void handle(Greeting greeting) {
        }
    }
}
