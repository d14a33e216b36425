package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.javapoet.ClassName;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnknownAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.keys.KnownPropertyNames;
import io.asyncoro.spring.boot.autoconfigure.keys.UnknownPropertiesCheck;

/**
 * A key under {@code asyncoro.*} that binds to nothing stops startup, naming the key and the valid key nearest
 * to it; every form Boot binds (kebab, camel case, environment variables) still starts the servers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnknownPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withUserConfiguration(KvConfiguration.class)
        .withPropertyValues("asyncoro.servers.kv.address=127.0.0.1");

    @Test
    void misspeltPortStopsStartupAndSuggestsThePort() {
        this.runner.withPropertyValues("asyncoro.servers.kv.prot=9000").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnknownAsyncoroPropertyException.class);
            FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("asyncoro.servers.kv.prot");
            assertThat(analysis.getAction()).contains("asyncoro.servers.kv.prot: did you mean asyncoro.servers.kv.port?");
        });
    }

    @Test
    void everyUnknownKeyIsNamedWithItsNearestValidKey() {
        this.runner.withPropertyValues("asyncoro.servers.kv.port=0", "asyncoro.servers.kv.ssl.client-oauth=need",
                "asyncoro.schedular.shutdown-timeout=5s", "asyncoro.observations.enable=true").run((context) -> {
                    FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
                    assertThat(analysis.getAction())
                        .contains("asyncoro.servers.kv.ssl.client-oauth: did you mean asyncoro.servers.kv.ssl.client-auth?")
                        .contains("asyncoro.schedular.shutdown-timeout: did you mean asyncoro.scheduler.shutdown-timeout?")
                        .contains("asyncoro.observations.enable: did you mean asyncoro.observations.enabled?");
                });
    }

    @Test
    void relaxedFormsBindAndServe() {
        this.runner
            .withPropertyValues("asyncoro.servers.kv.port=0", "asyncoro.servers.kv.maxConnections=7",
                    "asyncoro.servers.kv.ssl.protocols[0]=TLSv1.3", "asyncoro.scheduler.shutdownTimeout=5s")
            .withInitializer(environmentVariables(
                    Map.of("ASYNCORO_SERVERS_KV_SEND_QUEUE_CAPACITY", "9", "ASYNCORO_SERVERS_KV_IDLETIMEOUT", "1m")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AsyncoroProperties.Server kv = context.getBean(AsyncoroProperties.class).getServers().get("kv");
                assertThat(kv.getMaxConnections()).isEqualTo(7);
                assertThat(kv.getSendQueueCapacity()).isEqualTo(9);
                assertThat(kv.getIdleTimeout()).hasMinutes(1);
                int port = context.getEnvironment().getProperty("local.asyncoro.servers.kv.port", Integer.class);
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("hello"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("kv: hello");
                }
            });
    }

    @Test
    void misspeltEnvironmentVariableStopsStartup() {
        this.runner.withPropertyValues("asyncoro.servers.kv.port=0")
            .withInitializer(environmentVariables(Map.of("ASYNCORO_SERVERS_KV_MAX_CONECTIONS", "9")))
            .run((context) -> {
                FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("asyncoro.servers.kv.max.conections")
                    .contains("ASYNCORO_SERVERS_KV_MAX_CONECTIONS");
            });
    }

    @Test
    void withoutMetadataTheCheckStandsDownRatherThanRejectEveryKey() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("asyncoro.servers.kv.prot", "1")));
        UnknownPropertiesCheck check = new UnknownPropertiesCheck(environment);
        assertThatExceptionOfType(UnknownAsyncoroPropertyException.class)
            .isThrownBy(() -> check.check(KnownPropertyNames.load(getClass().getClassLoader(), "asyncoro")));
        try (URLClassLoader withoutMetadata = new URLClassLoader(new URL[0], null)) {
            KnownPropertyNames none = KnownPropertyNames.load(withoutMetadata, "asyncoro");
            assertThat(none.isEmpty()).isTrue();
            check.check(none);
        }
    }

    @Test
    void nativeImagesKeepTheMetadataTheCheckReads() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(AsyncoroAutoConfiguration.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(UnknownPropertiesTests.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring-configuration-metadata.json"))
                .accepts(generation.getRuntimeHints());
            assertThat(RuntimeHintsPredicates.resource()
                .forResource("META-INF/additional-spring-configuration-metadata.json"))
                .accepts(generation.getRuntimeHints());
        }
    }

    /** Variables read as Boot reads the process environment (the source's name makes Boot map them so). */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
            Map<String, Object> variables) {
        return (context) -> context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    @Configuration(proxyBeanMethods = false)
    static class KvConfiguration {

        @Bean
        KvController kvController() {
            return new KvController();
        }
    }

    @SocketController("kv")
    static class KvController {

        @OnMessage
        String said(String text) {
            return "kv: " + text;
        }
    }
}
