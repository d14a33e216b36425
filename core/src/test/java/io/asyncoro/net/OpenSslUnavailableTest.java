package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.TestTls;

/**
 * Core without Netty, or with Netty but without netty-tcnative: the JDK provider works as before (a TLS connection
 * is served and closed without a Netty class looked up), and asking for {@link TlsProvider#OPENSSL} fails at
 * {@code build()} naming what to add. Core's classes are loaded afresh, next to only the jars each case has, from a
 * class loader that sees nothing else of the test's class path.
 */
class OpenSslUnavailableTest {

    @Test
    void withoutNettyTheJdkProviderBuildsAndOpenSslNamesTheArtifacts() throws Exception {
        try (URLClassLoader loader = loader(List.of())) {
            assertThat(build(loader, "JDK")).isNull();
            Throwable failure = build(loader, "OPENSSL");
            assertThat(failure.getClass().getName()).isEqualTo(TlsProviderUnavailableException.class.getName());
            assertThat(failure).hasMessageContaining("io.netty:netty-handler")
                .hasMessageContaining("io.netty:netty-tcnative-boringssl-static");
        }
    }

    @Test
    void withNettyButWithoutTcnativeOpenSslSaysWhyItDidNotLoad() throws Exception {
        List<Class<?>> netty = List.of(io.netty.handler.ssl.OpenSsl.class, io.netty.buffer.ByteBuf.class,
                io.netty.util.ReferenceCounted.class, io.netty.channel.Channel.class,
                io.netty.resolver.AddressResolver.class, io.netty.handler.codec.ByteToMessageDecoder.class);
        try (URLClassLoader loader = loader(netty)) {
            Throwable failure = build(loader, "OPENSSL");
            assertThat(failure.getClass().getName()).isEqualTo(TlsProviderUnavailableException.class.getName());
            assertThat(failure).hasMessageContaining("io.netty:netty-tcnative-boringssl-static")
                .hasMessageContaining("OpenSsl.unavailabilityCause()");
            assertThat(failure.getCause()).as("OpenSsl.unavailabilityCause()").isNotNull();
        }
    }

    @Test
    void withoutNettyAJdkTlsConnectionIsServedAndClosedWithoutLookingForNetty() throws Exception {
        // Close is where an OpenSSL engine's native state is freed: only the provider chosen may decide it is one.
        List<String> nettyLookups = new CopyOnWriteArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { location(TlsServerConfig.class) },
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.netty.")) {
                    nettyLookups.add(name);
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Object builder = builder(loader, "JDK");
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> servers = loader.loadClass(AsyncServerSocket.class.getName());
            Object listener = servers.getMethod("bindTls", InetSocketAddress.class, int.class, config.getClass())
                .invoke(null, Loopback.address(0), 50, config);
            int port = (int) servers.getMethod("localPort").invoke(listener);
            try (SSLSocket client = (SSLSocket) TestTls.client().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
                CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
                    try {
                        client.startHandshake();
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
                Object server = servers.getMethod("accept").invoke(listener);
                handshake.get(5, TimeUnit.SECONDS);
                server.getClass().getMethod("close").invoke(server);
                client.setSoTimeout(5000);
                assertThat(client.getInputStream().read()).as("the end after the server's close_notify").isEqualTo(-1);
            }
            finally {
                servers.getMethod("close").invoke(listener);
            }
        }
        assertThat(nettyLookups).isEmpty();
    }

    /** Core's main classes and the jars of {@code from}, over the platform's class loader. */
    private static URLClassLoader loader(List<Class<?>> from) {
        List<URL> urls = new ArrayList<>();
        urls.add(location(TlsServerConfig.class));
        for (Class<?> type : from) {
            urls.add(location(type));
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** Builds a server config with that provider in the loader's core; what {@code build()} threw, or null. */
    private static Throwable build(ClassLoader loader, String provider) throws Exception {
        Object builder = builder(loader, provider);
        InvocationTargetException thrown = catchThrowableOfType(InvocationTargetException.class,
                () -> builder.getClass().getMethod("build").invoke(builder));
        return thrown == null ? null : thrown.getCause();
    }

    /** A server config's builder in the loader's core, with that provider and the test server's key store. */
    private static Object builder(ClassLoader loader, String provider) throws Exception {
        Class<?> config = loader.loadClass(TlsServerConfig.class.getName());
        Class<?> providers = loader.loadClass(TlsProvider.class.getName());
        Object builder = config.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        Object chosen = providers.getMethod("valueOf", String.class).invoke(null, provider);
        builderType.getMethod("provider", providers).invoke(builder, chosen);
        builderType.getMethod("keyStore", Path.class, String.class, char[].class)
            .invoke(builder, TestTls.store("server.p12"), "PKCS12", TestTls.PASSWORD);
        return builder;
    }
}
