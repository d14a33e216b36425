package io.asyncoro.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import io.asyncoro.net.TlsProvider;

import io.netty.handler.ssl.SslProvider;

/**
 * One server process of the benchmark: {@code ServerMain <impl>}. It listens on three ports (raw echo, framed
 * echo, framed echo over TLS), and where the implementation has them on two codec echo ports ({@code len2},
 * {@code crlf}) and a Unix domain socket ({@code uds}, a path); prints
 * {@code READY raw=<p> msg=<p> tls=<p> [len2=<p> crlf=<p>] [uds=<path>]}, then answers commands on standard
 * input: {@code heap} (collect garbage, print {@code HEAP <live bytes>}) and {@code quit}.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        // Before the library's first connection, which starts the pollers: the kind is read once per JVM.
        switch (impl) {
            case Bench.LIBRARY_PLATFORM -> System.setProperty("asyncoro.poller", "platform");
            case Bench.LIBRARY_VIRTUAL -> System.setProperty("asyncoro.poller", "virtual");
            case Bench.LIBRARY_SPIN -> {
                System.setProperty("asyncoro.poller", "virtual");
                System.setProperty("asyncoro.poller.spins", "16");
            }
            default -> { }
        }
        EchoServer server = switch (impl) {
            case Bench.LIBRARY, Bench.LIBRARY_PLATFORM, Bench.LIBRARY_VIRTUAL, Bench.LIBRARY_SPIN ->
                    new LibraryEchoServer(TlsProvider.JDK);
            case Bench.LIBRARY_OPENSSL -> new LibraryEchoServer(TlsProvider.OPENSSL);
            case Bench.VT_RAW -> new BlockingEchoServer(true);
            case Bench.PLATFORM_RAW -> new BlockingEchoServer(false);
            case Bench.NETTY -> new NettyEchoServer(SslProvider.JDK);
            case Bench.NETTY_OPENSSL -> new NettyEchoServer(SslProvider.OPENSSL);
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
        // library-openssl serves the same key with core's TlsProvider.OPENSSL instead of this context.
        SSLContext tls = Tls.serverContext();
        StringBuilder ready = new StringBuilder("READY");
        ready.append(" raw=").append(server.listen(false, null));
        ready.append(" msg=").append(server.listen(true, null));
        ready.append(" tls=").append(server.listen(true, tls));
        if (server instanceof CodecEchoServer codecs) {
            ready.append(" len2=").append(codecs.listenCodec(Framing.LEN2));
            ready.append(" crlf=").append(codecs.listenCodec(Framing.CRLF));
        }
        if (server instanceof LibraryEchoServer library) {
            // Named by pid, so rounds and parallel runs never meet; the runner deletes it when the server ends.
            Path uds = Path.of(System.getProperty("java.io.tmpdir"), "asyncoro-bench-" + ProcessHandle.current().pid()
                    + ".sock");
            Files.deleteIfExists(uds);
            library.listenUnix(uds);
            ready.append(" uds=").append(uds);
        }
        if (server instanceof NettyEchoServer netty) {
            ready.append(" transport=").append(netty.transport());
        }
        serveCommands(ready.toString());
    }

    /** Raw echo with the library's API, as {@code library} and {@code library-spring} both serve it. */
    public static void echoBytes(io.asyncoro.net.AsyncSocket socket) throws java.io.IOException {
        LibraryEchoServer.echoBytes(socket);
    }

    /** Prints the ready line and answers the runner's commands until {@code quit} or end of input. */
    public static void serveCommands(String readyLine) throws Exception {
        System.out.println(readyLine);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "heap" -> System.out.println("HEAP " + liveHeap());
                case "quit" -> {
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    /** Heap in use after full collections: what live objects hold. */
    static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
