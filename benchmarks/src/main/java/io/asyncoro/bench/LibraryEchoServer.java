package io.asyncoro.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.net.TlsServerConfig;

/**
 * {@code library}: asyncoro-core's {@link AsyncSocketServer}, one coroutine per connection. The TLS listener
 * takes whatever {@link SSLContext} it is given, so an engine from another provider plugs in through
 * {@code TlsServerConfig.sslContext} without a change here.
 */
final class LibraryEchoServer implements CodecEchoServer {

    @Override
    public int listen(boolean framed, SSLContext tls) throws IOException {
        AsyncSocketServer server = builder(framed ? "echo-msg" : "echo-raw")
                .tls(tls == null ? null : TlsServerConfig.builder().sslContext(tls).protocols(List.of(Tls.PROTOCOL)).build())
                .handler(framed ? LibraryEchoServer::echoMessages : LibraryEchoServer::echoBytes)
                .build();
        server.start();
        return server.localPort();
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
