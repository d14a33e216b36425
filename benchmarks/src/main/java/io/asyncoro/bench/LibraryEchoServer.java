package io.asyncoro.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.net.TlsServerConfig;

/** {@code library}: asyncoro-core's {@link AsyncSocketServer}, one coroutine per connection. */
final class LibraryEchoServer implements EchoServer {

    @Override
    public int listen(boolean framed, SSLContext tls) throws IOException {
        AsyncSocketServer server = AsyncSocketServer.builder()
                .name(framed ? "echo-msg" : "echo-raw")
                .address(InetAddress.getLoopbackAddress())
                .port(0)
                .backlog(4096)
                .maxConnections(19_000)
                .tls(tls == null ? null : TlsServerConfig.builder().sslContext(tls).protocols(List.of(Tls.PROTOCOL)).build())
                .handler(framed ? LibraryEchoServer::echoMessages : LibraryEchoServer::echoBytes)
                .build();
        server.start();
        return server.localPort();
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
