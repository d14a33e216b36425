package io.asyncoro.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;

/**
 * One server process of the benchmark: {@code ServerMain <impl>}. It listens on three ports (raw echo, framed
 * echo, framed echo over TLS), prints {@code READY raw=<p> msg=<p> tls=<p>}, then answers commands on standard
 * input: {@code heap} (collect garbage, print {@code HEAP <live bytes>}) and {@code quit}.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        EchoServer server = switch (impl) {
            case "library" -> new LibraryEchoServer();
            case "vt-raw" -> new BlockingEchoServer(true);
            case "platform-raw" -> new BlockingEchoServer(false);
            case "netty" -> new NettyEchoServer();
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
        SSLContext tls = Tls.serverContext();
        int raw = server.listen(false, null);
        int msg = server.listen(true, null);
        int tlsPort = server.listen(true, tls);
        String extra = server instanceof NettyEchoServer netty ? " transport=" + netty.transport() : "";
        serveCommands("READY raw=" + raw + " msg=" + msg + " tls=" + tlsPort + extra);
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
