package io.asyncoro.spring.boot.autoconfigure.sendqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;

/**
 * A member that never reads, under 1 MiB broadcasts, in a server with a 64 MiB heap that dies on any
 * {@link OutOfMemoryError}: the server drops it once its send queue passes the hard limit, stays up, and
 * every other member gets every message.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowReaderForkedJvmTest {

    private static final int ROUNDS = 100;

    private static final int FAST_MEMBERS = 3;

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aMemberThatNeverReadsIsDroppedAndTheServerAndOtherMembersCarryOn() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, BroadcastRoomApplication.class.getName()).redirectErrorStream(true).start();
        Writer commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        List<AsyncSocket> members = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try {
            Thread.ofVirtual().start(() -> pump(child.getInputStream()));
            int port = Integer.parseInt(next("READY ").substring("READY ".length()));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);

            Socket slow = new Socket();
            slow.setReceiveBufferSize(4096);
            slow.connect(address, 5_000);
            slow.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(slow.getInputStream().readNBytes(4 + "welcome".length())).endsWith("welcome".getBytes());

            Semaphore delivered = new Semaphore(0);
            AtomicInteger wrong = new AtomicInteger();
            for (int i = 0; i < FAST_MEMBERS; i++) {
                AsyncSocket member = connect(address);
                members.add(member);
                readers.add(Thread.ofVirtual().start(() -> readAll(member, delivered, wrong)));
            }
            AsyncSocket control = connect(address);
            members.add(control);

            for (int round = 0; round < ROUNDS; round++) {
                control.sendMsg("next".getBytes(StandardCharsets.UTF_8));
                byte[] reply = control.recvMsg();
                assertThat(reply).as("the server's answer to round %d (none: it died)", round).isNotNull();
                assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("sent " + round);
                // Each round reaches the readers before the next: only the slow member's queue can grow.
                assertThat(delivered.tryAcquire(FAST_MEMBERS, TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("round %d reached every reading member; the child said:%n%s", round,
                            String.join("\n", this.seen))
                    .isTrue();
            }
            assertThat(wrong).as("messages out of order or cut").hasValue(0);
            assertThat(next("the peer reads too slowly")).contains("over its hard limit of 1048576");
            assertThat(drainToEnd(slow)).as("the slow member's connection was closed").isTrue();

            commands.write("HEAP\n");
            commands.flush();
            long used = Long.parseLong(next("HEAP ").substring("HEAP ".length()));
            assertThat(used).as("heap in use after the run").isLessThan(48L << 20);
            assertThat(child.isAlive()).isTrue();
        }
        finally {
            for (AsyncSocket member : members) {
                member.close();
            }
            for (Thread reader : readers) {
                reader.join(TIMEOUT);
            }
            commands.close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static AsyncSocket connect(InetSocketAddress address) throws IOException {
        AsyncSocket socket = AsyncSocket.connect(address, TIMEOUT);
        socket.setTimeout(TIMEOUT);
        socket.setMaxMessageSize(BroadcastRoomApplication.MESSAGE_SIZE);
        // Once greeted, the member is listed for broadcasts.
        assertThat(new String(socket.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("welcome");
        return socket;
    }

    private static void readAll(AsyncSocket member, Semaphore delivered, AtomicInteger wrong) {
        try {
            int expected = 0;
            byte[] message;
            while ((message = member.recvMsg()) != null) {
                if (message.length != BroadcastRoomApplication.MESSAGE_SIZE
                        || ByteBuffer.wrap(message).getInt() != expected) {
                    wrong.incrementAndGet();
                }
                expected++;
                delivered.release();
            }
        }
        catch (IOException ex) {
            // closed at the end of the test
        }
    }

    private void pump(InputStream output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                this.lines.add(line);
                this.seen.add(line);
            }
        }
        catch (IOException ex) {
            // the child ended
        }
    }

    /** The child's next output line containing {@code text}. */
    private String next(String text) throws InterruptedException {
        // Generous: a Boot start in a small JVM on a busy machine.
        long deadline = System.nanoTime() + 3 * TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = this.lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the child printed no line containing '" + text + "' within " + TIMEOUT
                + "; its output:\n" + String.join("\n", this.seen));
    }

    private static boolean drainToEnd(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        }
        catch (IOException ex) {
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }
}
