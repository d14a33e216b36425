package io.asyncoro.sample.chat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SocketClosedException;

/**
 * The chat's terminal client, asyncoro's {@code chat_sock_client.py} in Java: it prints every message that
 * arrives and sends each line typed as one framed message. {@code quit}, {@code exit} or the end of input
 * half-closes the connection, and the client then waits for the server to close it.
 *
 * <p>Pure asyncoro-core: no Spring is started. Run it as {@code java -jar sample-chat-app.jar --client ...}.
 * Messages go to standard output, one a line; the client's own notes go to standard error.
 */
public final class ChatClient {

    /** Exit status after the chat ended normally. */
    public static final int OK = 0;

    /** Exit status when the connection failed or broke. */
    public static final int CONNECTION_FAILED = 1;

    /** Exit status for a command line that makes no sense. */
    public static final int USAGE_ERROR = 2;

    /** How long the client waits for the server to close after it half-closed. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientOptions options;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch serverClosed = new CountDownLatch(1);
    private volatile boolean broken;

    private ChatClient(ClientOptions options, InputStream in, PrintStream out, PrintStream err) {
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs the client on the process's standard streams and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    /**
     * Runs the client: connects, chats until the input ends or the server closes, and returns the exit status.
     *
     * @param args the arguments after {@code --client}
     * @param in the lines to send
     * @param out where received messages are printed
     * @param err where the client's notes and errors are printed
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(ClientOptions.USAGE);
            return OK;
        }
        ClientOptions options;
        try {
            options = ClientOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            err.println("chat client: " + ex.getMessage());
            err.println(ClientOptions.USAGE);
            return USAGE_ERROR;
        }
        return new ChatClient(options, in, out, err).chat();
    }

    private int chat() {
        AsyncSocket socket;
        try {
            socket = connect();
        }
        catch (IOException ex) {
            err.println("chat client: cannot connect to " + options.host() + ":" + options.port()
                    + (options.tls() ? " over TLS" : "") + ": " + ex.getMessage());
            if (ex instanceof SSLException && options.trust() == null && !options.insecure()) {
                err.println("chat client: a self-signed server certificate needs --trust FILE "
                        + "(the tls profile writes .asyncoro-demo-tls/chat-demo-cert.pem)");
            }
            return CONNECTION_FAILED;
        }
        err.println("connected to " + options.host() + ":" + options.port() + (socket.isTls() ? " over TLS" : "")
                + "; each line is sent, 'quit' or end of input leaves");
        Thread input = Thread.ofPlatform().daemon().name("chat-client-input").start(() -> sendTyped(socket));
        receive(socket);
        input.interrupt();
        socket.close();
        return broken ? CONNECTION_FAILED : OK;
    }

    private AsyncSocket connect() throws IOException {
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        if (!options.tls()) {
            return AsyncSocket.connect(address, CONNECT_TIMEOUT);
        }
        if (options.insecure()) {
            err.println("chat client: WARNING: --insecure accepts any server certificate; "
                    + "the connection is encrypted but the server is not authenticated");
        }
        return AsyncSocket.connectTls(address, CONNECT_TIMEOUT, ClientTls.config(options));
    }

    /** Prints each message until the server closes the connection; runs on the calling thread. */
    private void receive(AsyncSocket socket) {
        try {
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                out.println(new String(message, StandardCharsets.UTF_8));
                out.flush();
            }
            err.println("connection closed by the server");
        }
        catch (SocketClosedException ex) {
            // closed on our side after the server did not close in time: already reported
        }
        catch (IOException ex) {
            broken = true;
            err.println("chat client: connection lost: " + ex.getMessage());
        }
        finally {
            serverClosed.countDown();
        }
    }

    /** Sends each typed line; at quit, exit or end of input half-closes and gives the server time to close. */
    private void sendTyped(AsyncSocket socket) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                // As chat_sock_client.py: quit or exit, in any case, around any blanks.
                String command = line.strip();
                if (command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("exit")) {
                    break;
                }
                socket.sendMsg(line.getBytes(StandardCharsets.UTF_8));
            }
            socket.shutdownOutput();
        }
        catch (IOException ex) {
            // The connection is gone; the receiving side reports why.
            return;
        }
        try {
            if (!serverClosed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("chat client: the server did not close the connection within " + CLOSE_WAIT.toSeconds()
                        + " s; closing it");
                socket.close();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
