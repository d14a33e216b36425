package io.asyncoro.examples.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;

/**
 * Two echo servers in one process: one echoes asyncoro messages ({@code recvMsg}, then {@code sendMsg}), the
 * other raw bytes ({@code recv}, then {@code sendAll}). Both speak TLS when a key store is given. Once both
 * listen it prints exactly one line, {@code READY msg=<host>:<port> raw=<host>:<port>}, for scripts and tests.
 */
public final class EchoServer implements Example {

    /** Large enough for the 1 MiB messages of {@code echo-client}. */
    public static final long MAX_MESSAGE_SIZE = 2L << 20;

    private static final int RAW_CHUNK = 64 * 1024;

    @Override
    public String name() {
        return "echo-server";
    }

    @Override
    public String usage() {
        return "[--host H] [--port P] [--raw-port R] [--keystore FILE --keystore-password PW [--keystore-type T]]";
    }

    @Override
    public String summary() {
        return "framed echo on P and raw echo on R (0: any free port), over TLS with a key store; prints READY";
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(0, Set.of("--host", "--port", "--raw-port", "--keystore", "--keystore-password", "--keystore-type"));
        String host = args.option("--host", "127.0.0.1");
        TlsServerConfig tls = null;
        if (args.has("--keystore")) {
            Path keyStore = Path.of(args.option("--keystore", null));
            String type = args.option("--keystore-type", keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            char[] password = args.required("--keystore-password").toCharArray();
            tls = TlsServerConfig.builder().sslContext(SslContexts.forServer(keyStore, type, password)).build();
        }

        AsyncSocketServer messages = start("echo-msg", host, args.optionInt("--port", 0), tls, EchoServer::echoMessages);
        AsyncSocketServer raw = start("echo-raw", host, args.optionInt("--raw-port", 0), tls, EchoServer::echoRaw);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            messages.stop(Duration.ofSeconds(2));
            raw.stop(Duration.ofSeconds(2));
        }));
        io.out().println("READY msg=" + host + ":" + messages.localPort() + " raw=" + host + ":" + raw.localPort());
        io.out().flush();
        messages.awaitStop();
        raw.awaitStop();
        return 0;
    }

    private static AsyncSocketServer start(String name, String host, int port, TlsServerConfig tls,
            ConnectionHandler handler) throws IOException {
        AsyncSocketServer server = AsyncSocketServer.builder()
                .name(name)
                .address(InetAddress.getByName(host))
                .port(port)
                .tls(tls)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .handler(handler)
                .build();
        server.start();
        return server;
    }

    /** Echoes each asyncoro message until the client closes (or half-closes) on a message boundary. */
    static void echoMessages(AsyncSocket sock) throws IOException {
        for (byte[] message = sock.recvMsg(); message != null; message = sock.recvMsg()) {
            sock.sendMsg(message);
        }
    }

    /** Echoes bytes as they come until the client closes (or half-closes). */
    static void echoRaw(AsyncSocket sock) throws IOException {
        for (byte[] data = sock.recv(RAW_CHUNK); data.length > 0; data = sock.recv(RAW_CHUNK)) {
            sock.sendAll(data);
        }
    }
}
