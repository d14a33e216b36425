package io.asyncoro.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.net.TlsKeyMaterial;
import io.asyncoro.net.TlsProvider;
import io.asyncoro.net.TlsServerConfig;

/**
 * {@code library}: asyncoro-core's {@link AsyncSocketServer}, one coroutine per connection. Its TLS listener
 * serves the given {@link SSLContext} with the JDK's engines, or, for {@code library-openssl}, the benchmark's key
 * with core's {@link TlsProvider#OPENSSL}.
 */
final class LibraryEchoServer implements CodecEchoServer {

    private final TlsProvider provider;

    LibraryEchoServer(TlsProvider provider) {
        this.provider = provider;
    }

    @Override
    public int listen(boolean framed, SSLContext tls) throws Exception {
        AsyncSocketServer server = builder(framed ? "echo-msg" : "echo-raw")
                .tls(tls == null ? null : tlsConfig(tls))
                .handler(framed ? LibraryEchoServer::echoMessages : LibraryEchoServer::echoBytes)
                .build();
        server.start();
        return server.localPort();
    }

    private TlsServerConfig tlsConfig(SSLContext jdk) throws Exception {
        TlsServerConfig.Builder builder = TlsServerConfig.builder().provider(provider).protocols(List.of(Tls.PROTOCOL));
        if (provider == TlsProvider.OPENSSL) {
            TlsKeyMaterial key = new TlsKeyMaterial(Tls.keyManagers(), null);
            return builder.keyMaterial(() -> key).build();
        }
        return builder.sslContext(jdk).build();
    }

    @Override
    public int listenCodec(Framing framing) throws IOException {
        AsyncSocketServer server = builder("echo-" + framing.name().toLowerCase(java.util.Locale.ROOT))
                .handler(new LibraryCodecEcho(framing))
                .build();
        server.start();
        return server.localPort();
    }

    /** Starts the framed echo on a Unix domain socket at {@code path} (which must not exist yet). */
    void listenUnix(Path path) throws IOException {
        builder("echo-uds").unixSocketPath(path).handler(LibraryEchoServer::echoMessages).build().start();
    }

    private static AsyncSocketServer.Builder builder(String name) {
        return AsyncSocketServer.builder()
                .name(name)
                .address(InetAddress.getLoopbackAddress())
                .port(0)
                .backlog(4096)
                .maxConnections(19_000);
    }

    static void echoMessages(AsyncSocket socket) throws IOException {
        byte[] message;
        while ((message = socket.recvMsg()) != null) {
            socket.sendMsg(message);
        }
    }

    static void echoBytes(AsyncSocket socket) throws IOException {
        byte[] data;
        while ((data = socket.recv(BUFFER_SIZE)).length > 0) {
            socket.sendAll(data);
        }
    }
}
