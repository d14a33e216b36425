import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the AOT-processed sample chat jar with {@code -Dspring.aot.enabled=true} on free loopback ports and
 * chats through it as asyncoro's chat_sock_client.py does: two clients, {@code id: N}, {@code N joined},
 * {@code N says: text} both ways. Exit status 0 when the app ran AOT-processed and every message arrived.
 *
 * <p>Run with the JDK's source launcher (no build step):
 * {@code java AotChatCheck.java sample-chat-app/target/sample-chat-app-<version>.jar}
 */
public class AotChatCheck {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java AotChatCheck.java <sample-chat-app jar>");
            System.exit(2);
        }
        Path log = Files.createTempFile("aot-chat-check", ".log");
        int chatPort = freePort();
        int httpPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", args[0],
                "--asyncoro.servers.chat.address=" + LOOPBACK.getHostAddress(),
                "--asyncoro.servers.chat.port=" + chatPort,
                "--server.address=" + LOOPBACK.getHostAddress(), "--server.port=" + httpPort))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        int status = 1;
        try {
            awaitListening(app, log, chatPort);
            String output = Files.readString(log);
            if (!output.contains("Starting AOT-processed")) {
                throw new IllegalStateException("the app did not start AOT-processed");
            }
            chat(chatPort);
            System.out.println("ok: the AOT-processed sample chat app served a chat round trip on port " + chatPort);
            status = 0;
        }
        catch (Exception | AssertionError ex) {
            System.err.println("FAILED: " + ex.getMessage());
            System.err.println("--- app output (" + log + ") ---");
            System.err.println(Files.readString(log));
        }
        finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.exit(status);
    }

    private static void chat(int port) throws IOException {
        try (Socket first = connect(port)) {
            int one = greeting(first);
            // The second connects only once the first has its number, so the first is sure to hear it join.
            try (Socket second = connect(port)) {
                int two = greeting(second);
                expect(first, two + " joined");
                send(first, "hello from the AOT check");
                expect(second, one + " says: hello from the AOT check");
                send(second, "and hello back");
                expect(first, two + " says: and hello back");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LOOPBACK, port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static int greeting(Socket socket) throws IOException {
        String got = receive(socket);
        if (!got.matches("id: \\d+")) {
            throw new AssertionError("expected 'id: N' but got '" + got + "'");
        }
        System.out.println("ok: got '" + got + "'");
        return Integer.parseInt(got.substring(4));
    }

    private static void expect(Socket socket, String wanted) throws IOException {
        String got = receive(socket);
        if (!got.equals(wanted)) {
            throw new AssertionError("expected '" + wanted + "' but got '" + got + "'");
        }
        System.out.println("ok: got '" + got + "'");
    }

    /** asyncoro's send_msg framing: a 4-byte big-endian length, then the UTF-8 payload. */
    private static void send(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private static String receive(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * Waits for the server's "listening" log line rather than probing the port: a probe connection would join
     * the chat room, and its leave notice would reach the clients in the middle of the round trip.
     */
    private static void awaitListening(Process app, Path log, int port) throws Exception {
        String listening = "[chat] listening on /" + LOOPBACK.getHostAddress() + ":" + port;
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(listening)) {
                return;
            }
            // Ends the wait at once when the app exits; otherwise re-reads the log five times a second.
            if (app.waitFor(200, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the app exited with status " + app.exitValue());
            }
        }
        throw new IllegalStateException("the chat server did not log '" + listening + "' within " + STARTUP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }
}
