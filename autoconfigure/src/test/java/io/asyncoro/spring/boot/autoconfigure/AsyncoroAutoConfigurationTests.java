package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.ClientAuth;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.handler.MessageHandlerInterceptor;
import io.asyncoro.spring.server.AsynCoroShutdown;
import io.asyncoro.spring.server.AsyncSocketServerCustomizer;
import io.asyncoro.spring.server.AsyncSocketServerFactory;
import io.asyncoro.spring.server.AsyncoroServers;

import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncoroAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class));

    private final ApplicationContextRunner echoRunner = this.runner.withUserConfiguration(EchoConfiguration.class)
        .withPropertyValues("asyncoro.servers.echo.port=0", "asyncoro.servers.echo.address=127.0.0.1");

    @Test
    void withoutServersProvidesTheSchedulerFactoryAndRegistries() {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AsynCoro.class);
            assertThat(context).hasSingleBean(AsyncSocketServerFactory.class);
            assertThat(context).hasSingleBean(ConnectionRegistry.class);
            assertThat(context).hasSingleBean(AsyncoroServers.class);
            assertThat(context.getBean(AsyncoroServers.class).names()).isEmpty();
            // The scheduler is no Executor: Boot's own task executors stay in charge.
            assertThat(context).doesNotHaveBean(Executor.class);
        });
    }

    @Test
    void closesItsSchedulerWithTheContext() {
        AsynCoro[] scheduler = new AsynCoro[1];
        this.runner.withPropertyValues("asyncoro.scheduler.shutdown-timeout=1s")
            .run(context -> scheduler[0] = context.getBean(AsynCoro.class));
        assertThat(scheduler[0].isClosed()).isTrue();
    }

    @Test
    void servesAConfiguredServerThroughItsController() {
        this.echoRunner.run(context -> {
            assertThat(context).hasNotFailed();
            AsyncoroServers servers = context.getBean(AsyncoroServers.class);
            assertThat(servers.names()).containsExactly("echo");
            assertThat(servers.find("echo")).hasValueSatisfying(s -> assertThat(s.isListening()).isTrue());
            try (AsyncSocket client = TestClients.connect(port(context.getEnvironment()
                .getProperty("local.asyncoro.servers.echo.port")))) {
                client.sendMsg(TestClients.utf8("hello"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("echo: hello");
            }
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBeans() {
        this.echoRunner.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AsynCoro.class)).isSameAs(context.getBean(UserBeans.class).scheduler);
            assertThat(context).getBean(AsyncSocketServerFactory.class).isSameAs(UserBeans.FACTORY);
            assertThat(context).getBean(ConnectionRegistry.class).isSameAs(UserBeans.REGISTRY);
            assertThat(context).getBean(PayloadConverters.class).isSameAs(UserBeans.CONVERTERS);
            assertThat(context).doesNotHaveBean(AsynCoroShutdown.class);
        });
        // The application's scheduler is the application's to close.
        assertThat(UserBeans.SCHEDULER.isClosed()).isFalse();
    }

    @Test
    void bindsEveryProperty() {
        this.runner.withUserConfiguration(EchoConfiguration.class)
            .withPropertyValues("asyncoro.scheduler.shutdown-timeout=7s", "asyncoro.servers.echo.port=0",
                    "asyncoro.servers.echo.address=127.0.0.1", "asyncoro.servers.echo.protocol=tcp",
                    "asyncoro.servers.echo.blocking=true", "asyncoro.servers.echo.framing=line",
                    "asyncoro.servers.echo.max-message-size=64KB", "asyncoro.servers.echo.max-connections=17",
                    "asyncoro.servers.echo.idle-timeout=45s", "asyncoro.servers.echo.backlog=33",
                    "asyncoro.servers.echo.shutdown-grace-period=3s", "asyncoro.servers.echo.send-queue-capacity=5",
                    "asyncoro.servers.echo.raw-read-size=2KB", "asyncoro.servers.echo.ssl.enabled=true",
                    "asyncoro.servers.echo.send-queue.hard-limit=2MB", "asyncoro.servers.echo.send-queue.soft-limit=512KB",
                    "asyncoro.servers.echo.send-queue.soft-period=3s",
                    "asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                    "asyncoro.servers.echo.ssl.key-store-password=changeit",
                    "asyncoro.servers.echo.ssl.key-store-type=PKCS12",
                    "asyncoro.servers.echo.ssl.key-password=changeit",
                    "asyncoro.servers.echo.ssl.trust-store=classpath:tls/truststore.p12",
                    "asyncoro.servers.echo.ssl.trust-store-password=changeit",
                    "asyncoro.servers.echo.ssl.trust-store-type=PKCS12",
                    "asyncoro.servers.echo.ssl.protocols=TLSv1.3", "asyncoro.servers.echo.ssl.client-auth=want",
                    "asyncoro.servers.echo.ssl.handshake-timeout=4s")
            .run(context -> {
                assertThat(context).hasNotFailed();
                AsyncoroProperties properties = context.getBean(AsyncoroProperties.class);
                assertThat(properties.getScheduler().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
                AsyncoroProperties.Server echo = properties.getServers().get("echo");
                assertThat(echo.getProtocol()).isEqualTo(io.asyncoro.spring.server.Protocol.TCP);
                assertThat(echo.getFraming()).isEqualTo(FramingType.LINE);
                assertThat(echo.getBacklog()).isEqualTo(33);
                assertThat(echo.getSendQueueCapacity()).isEqualTo(5);
                assertThat(echo.getSendQueue().getHardLimit()).isEqualTo(DataSize.ofMegabytes(2));
                assertThat(echo.getSendQueue().getSoftLimit()).isEqualTo(DataSize.ofKilobytes(512));
                assertThat(echo.getSendQueue().getSoftPeriod()).isEqualTo(Duration.ofSeconds(3));
                assertThat(echo.getRawReadSize()).isEqualTo(DataSize.ofKilobytes(2));
                ServerSslProperties ssl = echo.getSsl();
                assertThat(ssl.getKeyStoreType()).isEqualTo("PKCS12");
                assertThat(ssl.getKeyPassword()).isEqualTo("changeit");
                assertThat(ssl.getTrustStore()).isEqualTo("classpath:tls/truststore.p12");
                assertThat(ssl.getTrustStorePassword()).isEqualTo("changeit");
                assertThat(ssl.getTrustStoreType()).isEqualTo("PKCS12");
                // What the server was built with:
                AsyncSocketServerInfo info = context.getBean(AsyncoroServers.class).find("echo").orElseThrow();
                AsyncSocketServer server = (AsyncSocketServer) info;
                assertThat(info.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(info.isBlocking()).isTrue();
                assertThat(info.maxMessageSize()).isEqualTo(64 * 1024);
                assertThat(info.maxConnections()).isEqualTo(17);
                assertThat(info.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
                assertThat(server.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(3));
                assertThat(info.isTls()).isTrue();
                assertThat(server.tls().protocols()).containsExactly("TLSv1.3");
                assertThat(server.tls().clientAuth()).isEqualTo(ClientAuth.WANT);
                assertThat(server.tls().handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
                // Line framing over TLS, for real:
                try (AsyncSocket client = TestClients.connectTls(info.localAddress().getPort())) {
                    client.sendLine(TestClients.utf8("hi"));
                    assertThat(TestClients.text(client.recvLine())).isEqualTo("echo: hi");
                }
            });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            asyncoro.servers.echo.port=70000                  | asyncoro.servers.echo.port                  | between 0 and 65535
            asyncoro.servers.echo.max-connections=0           | asyncoro.servers.echo.max-connections       | at least 1
            asyncoro.servers.echo.backlog=-1                  | asyncoro.servers.echo.backlog               | at least 1
            asyncoro.servers.echo.send-queue-capacity=0       | asyncoro.servers.echo.send-queue-capacity   | at least 1
            asyncoro.servers.echo.send-queue.hard-limit=0B    | asyncoro.servers.echo.send-queue.hard-limit | at least 1B
            asyncoro.servers.echo.send-queue.soft-limit=2MB   | asyncoro.servers.echo.send-queue.soft-limit | between 0B (no soft limit) and
            asyncoro.servers.echo.send-queue.soft-period=-1s  | asyncoro.servers.echo.send-queue.soft-period | zero or a positive duration
            asyncoro.servers.echo.idle-timeout=-1s            | asyncoro.servers.echo.idle-timeout          | zero or a positive duration
            asyncoro.servers.echo.shutdown-grace-period=-2s   | asyncoro.servers.echo.shutdown-grace-period | zero or a positive duration
            asyncoro.servers.echo.max-message-size=3GB        | asyncoro.servers.echo.max-message-size      | between 0B and
            asyncoro.servers.echo.raw-read-size=0B            | asyncoro.servers.echo.raw-read-size         | between 1B and 2GB
            asyncoro.servers.echo.address=no.such.host.invalid | asyncoro.servers.echo.address              | an IP address or a resolvable host name
            asyncoro.scheduler.shutdown-timeout=-1s           | asyncoro.scheduler.shutdown-timeout         | zero or a positive duration
            """)
    void invalidValuesFailStartupNamingThePropertyAndWhatItAllows(String setting, String property, String allowed) {
        this.echoRunner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(InvalidAsyncoroPropertyException.class)
                .hasMessageContaining(property)
                .hasMessageContaining(allowed);
            FailureAnalysis analysis = FailureAnalysisSupport.analyze(failure);
            assertThat(analysis.getDescription()).contains(property);
            assertThat(analysis.getAction()).contains(property).contains(allowed);
        });
    }

    @Test
    void invalidTlsSettingsFailStartupNamingTheProperty() {
        this.echoRunner.withPropertyValues("asyncoro.servers.echo.ssl.enabled=true",
                "asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.echo.ssl.protocols=TLSv1.3,SSLv3")
            .run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("asyncoro.servers.echo.ssl.protocols")
                .hasMessageContaining("TLSv1.3, TLSv1.2"));
        this.echoRunner.withPropertyValues("asyncoro.servers.echo.protocol=udp", "asyncoro.servers.echo.ssl.enabled=true")
            .run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("asyncoro.servers.echo.ssl.enabled")
                .hasMessageContaining("false for a udp server"));
        this.echoRunner.withPropertyValues("asyncoro.servers.echo.ssl.enabled=true")
            .run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("asyncoro.servers.echo.ssl.bundle")
                .hasMessageContaining("asyncoro.servers.echo.ssl.key-store"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            asyncoro.servers.echo.protocol=sctp       | asyncoro.servers.echo.protocol       | TCP
            asyncoro.servers.echo.framing=json        | asyncoro.servers.echo.framing        | MESSAGE
            asyncoro.servers.echo.ssl.client-auth=yes | asyncoro.servers.echo.ssl.client-auth | WANT
            """)
    void unknownEnumValuesFailBindingAndListTheAllowedValues(String setting, String property, String allowed) {
        this.echoRunner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(property);
            assertThat(analysis.getAction()).contains(allowed);
        });
    }

    @Test
    void worksWithoutActuatorMicrometerAndJackson() {
        this.echoRunner
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer",
                    "org.springframework.boot.health", "org.springframework.boot.micrometer", "tools.jackson"))
            .run(context -> {
                assertThat(context).hasNotFailed();
                try (AsyncSocket client = TestClients.connect(port(context.getEnvironment()
                    .getProperty("local.asyncoro.servers.echo.port")))) {
                    client.sendMsg(TestClients.utf8("plain"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("echo: plain");
                }
            });
    }

    @Test
    void convertsJsonPayloadsWhenJacksonIsPresent() {
        this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withUserConfiguration(JsonConfiguration.class)
            .withPropertyValues("asyncoro.servers.points.port=0", "asyncoro.servers.points.address=127.0.0.1")
            .run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(JsonMapper.class);
                int port = port(context.getEnvironment().getProperty("local.asyncoro.servers.points.port"));
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("{\"x\":2,\"y\":3}"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("{\"x\":4,\"y\":6}");
                }
            });
    }

    @Test
    void appliesCustomizersAndObserverFactoriesInOrder() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.echoRunner.withBean("second", AsyncSocketServerCustomizer.class, () -> new OrderedCustomizer(2, calls))
            .withBean("first", AsyncSocketServerCustomizer.class, () -> new OrderedCustomizer(1, calls))
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(calls).containsExactly("customizer 1 echo", "customizer 2 echo");
                // The last customizer wins: it set the connection limit.
                assertThat(context.getBean(AsyncoroServers.class).find("echo").orElseThrow().maxConnections())
                    .isEqualTo(2);
            });
    }

    @Test
    void connectionHandlerServesTheWholeConnectionAsOneCoroutine() {
        this.runner.withBean(WholeConnectionController.class)
            .withPropertyValues("asyncoro.servers.whole.port=0", "asyncoro.servers.whole.address=127.0.0.1")
            .run(context -> {
                assertThat(context).hasNotFailed();
                int port = port(context.getEnvironment().getProperty("local.asyncoro.servers.whole.port"));
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("a"));
                    client.sendMsg(TestClients.utf8("b"));
                    client.shutdownOutput();
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("2 messages on a virtual thread: true");
                    assertThat(client.recvMsg()).isNull();
                }
            });
    }

    @Test
    void interceptorsWrapEachOnMessageInvocationInOrder() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.echoRunner
            .withBean("inner", MessageHandlerInterceptor.class, () -> new TaggingInterceptor(2, "inner", calls))
            .withBean("outer", MessageHandlerInterceptor.class, () -> new TaggingInterceptor(1, "outer", calls))
            .run(context -> {
                int port = port(context.getEnvironment().getProperty("local.asyncoro.servers.echo.port"));
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("x"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("[outer [inner echo: x]]");
                }
                assertThat(calls).containsExactly("outer echo 1", "inner echo 1");
            });
    }

    record TaggingInterceptor(int order, String tag, List<String> calls)
            implements MessageHandlerInterceptor, org.springframework.core.Ordered {

        @Override
        public Object intercept(String serverName, String connectionId, java.util.concurrent.Callable<Object> invocation)
                throws Exception {
            this.calls.add(this.tag + " " + serverName + " " + connectionId);
            return "[" + this.tag + " " + invocation.call() + "]";
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

    @SocketController("whole")
    static class WholeConnectionController {

        @io.asyncoro.spring.annotation.ConnectionHandler
        void serve(AsyncSocket client) throws java.io.IOException {
            int count = 0;
            while (client.recvMsg() != null) {
                count++;
            }
            client.sendMsg(TestClients.utf8(count + " messages on a virtual thread: " + Thread.currentThread().isVirtual()));
        }
    }

    static int port(String value) {
        return Integer.parseInt(value);
    }

    record OrderedCustomizer(int order, List<String> calls)
            implements AsyncSocketServerCustomizer, org.springframework.core.Ordered {

        @Override
        public void customize(String serverName, AsyncSocketServer.Builder builder) {
            this.calls.add("customizer " + this.order + " " + serverName);
            builder.maxConnections(this.order);
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfiguration {

        @Bean
        EchoController echoController() {
            return new EchoController();
        }
    }

    @SocketController("echo")
    static class EchoController {

        @OnMessage
        String said(String text) {
            return "echo: " + text;
        }
    }

    record Point(int x, int y) {
    }

    @Configuration(proxyBeanMethods = false)
    static class JsonConfiguration {

        @Bean
        PointController pointController() {
            return new PointController();
        }
    }

    @SocketController("points")
    static class PointController {

        @OnMessage
        Point doubled(Point point) {
            return new Point(point.x() * 2, point.y() * 2);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final AsynCoro SCHEDULER = new AsynCoro("user");

        static final PayloadConverters CONVERTERS = PayloadConverters.builtIn();

        static final ConnectionRegistry REGISTRY = new ConnectionRegistry(CONVERTERS);

        static final AsyncSocketServerFactory FACTORY = new AsyncSocketServerFactory(SCHEDULER, List.of(),
                List.of());

        final AsynCoro scheduler = SCHEDULER;

        // No inferred close(): this test checks the auto-configuration leaves the scheduler alone.
        @Bean(destroyMethod = "")
        AsynCoro userScheduler() {
            return SCHEDULER;
        }

        @Bean
        PayloadConverters userConverters() {
            return CONVERTERS;
        }

        @Bean
        ConnectionRegistry userRegistry() {
            return REGISTRY;
        }

        @Bean
        AsyncSocketServerFactory userFactory() {
            return FACTORY;
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
