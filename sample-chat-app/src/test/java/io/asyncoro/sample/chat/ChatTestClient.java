package io.asyncoro.sample.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A chat member for tests: a real {@link AsyncSocket} whose incoming messages a virtual thread collects, so a
 * test can wait for the next one, and which records how the server ended the connection.
 */
final class ChatTestClient implements AutoCloseable {

    /** How long a test waits for one expected message or for the server to close. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final AsyncSocket socket;
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final List<String> received = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable endedBy;
    private int number = -1;

    private ChatTestClient(AsyncSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().name("chat-test-client-reader").start(this::readAll);
    }

    static ChatTestClient connect(int port) throws IOException {
        return new ChatTestClient(AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), WAIT));
    }

    static ChatTestClient connectTls(int port, TlsClientConfig tls) throws IOException {
        return new ChatTestClient(AsyncSocket.connectTls(new InetSocketAddress("localhost", port), WAIT, tls));
    }

    /** Connects and reads the greeting. */
    static ChatTestClient join(int port) throws IOException, InterruptedException {
        ChatTestClient client = connect(port);
        client.readGreeting();
        return client;
    }

    private void readAll() {
        try {
            byte[] message;
            while ((message = this.socket.recvMsg()) != null) {
                String text = new String(message, StandardCharsets.UTF_8);
                synchronized (this.received) {
                    this.received.add(text);
                }
                this.inbox.add(text);
            }
        }
        catch (IOException ex) {
            // A reset also means the server closed the connection; which one it was is kept for the test.
            this.endedBy = ex;
        }
        finally {
            this.ended.countDown();
        }
    }

    /** Reads {@code id: N} as the first message and returns N. */
    int readGreeting() throws InterruptedException {
        String greeting = next();
        assertThat(greeting).as("the first message a newcomer gets").matches("id: \\d+");
        this.number = Integer.parseInt(greeting.substring("id: ".length()));
        return this.number;
    }

    /** This member's number, from its greeting. */
    int number() {
        assertThat(this.number).as("greeting read").isPositive();
        return this.number;
    }

    /** The next message, failing the test if none comes in time. */
    String next() throws InterruptedException {
        String message = this.inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            // Everything this member got, so that a lost or reordered message shows in the failure itself.
            fail("no message within " + WAIT + "; member " + this.number + "'s connection "
                    + (isEnded() ? "ended (" + this.endedBy + ")" : "is open") + "; it received " + received());
        }
        return message;
    }

    /** Asserts the next message is {@code expected}. */
    void expect(String expected) throws InterruptedException {
        assertThat(next()).isEqualTo(expected);
    }

    /** Sends a chat message. */
    void say(String text) throws IOException {
        this.socket.sendMsg(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes, for frames a well-behaved client would not send. */
    void sendRaw(byte[] bytes) throws IOException {
        this.socket.sendAll(bytes);
    }

    /** Half-closes: the server reads end of stream, while this side can still read. */
    void halfClose() throws IOException {
        this.socket.shutdownOutput();
    }

    /** Waits until the server has closed the connection, failing the test if it does not in time. */
    void awaitClosedByServer() throws InterruptedException {
        if (!this.ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the server did not close the connection within " + WAIT);
        }
    }

    /** Whether the connection has ended (end of stream, reset or local close). */
    boolean isEnded() {
        return this.ended.getCount() == 0;
    }

    /** Whether the server ended the stream cleanly (rather than with a reset). */
    boolean endedCleanly() {
        return isEnded() && this.endedBy == null;
    }

    /** Every message received so far, in order. */
    List<String> received() {
        synchronized (this.received) {
            return List.copyOf(this.received);
        }
    }

    /** How many messages have been received so far. */
    int receivedCount() {
        synchronized (this.received) {
            return this.received.size();
        }
    }

    /** The messages received but not yet taken with {@link #next()}. */
    List<String> pending() {
        return List.copyOf(this.inbox);
    }

    /** Closes the connection from this side at once (no half-close first). */
    void disconnect() {
        this.socket.close();
    }

    @Override
    public void close() {
        disconnect();
    }
}
