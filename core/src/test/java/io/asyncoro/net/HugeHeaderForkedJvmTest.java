package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;

/**
 * Headers that lie about their length cost nothing: shown in a JVM with a 32 MiB heap that dies on any
 * {@link OutOfMemoryError}, receiving headers that claim 4 GiB, just over the limit and (with the limit raised
 * as far as it goes) about 2 GiB each on eight connections at once, while a truthful 1 MiB message still works.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeHeaderForkedJvmTest {

    private static final long TWO_GIB_ISH = 0x7FFF_FFF0L;

    private static Process probe;
    private static Writer commands;
    private static final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private static int strictPort;
    private static int raisedPort;

    @BeforeAll
    static void startProbe() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        probe = new ProcessBuilder(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                HugeHeaderProbe.class.getName()).redirectErrorStream(true).start();
        commands = new java.io.OutputStreamWriter(probe.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (IOException ignored) {
                // the probe ended
            }
        });
        String[] ready = next("READY").split(" ");
        strictPort = Integer.parseInt(ready[1]);
        raisedPort = Integer.parseInt(ready[2]);
        assertThat(Long.parseLong(ready[3])).as("the probe's max heap").isLessThanOrEqualTo(40L << 20);
    }

    @AfterAll
    static void stopProbe() throws Exception {
        if (probe != null) {
            commands.close();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            }
        }
    }

    @Test
    void aHeaderClaimingFourGibibytesIsRefusedAndTheConnectionClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(Loopback.address(strictPort));
            socket.getOutputStream().write(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'x' });
            assertThat(next(socket.getLocalPort() + " ")).isEqualTo(socket.getLocalPort() + " TOO_LARGE 4294967295 1048576");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertProbeAlive();
    }

    @Test
    void aHeaderJustOverTheLimitIsRefused() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(Loopback.address(strictPort));
            socket.getOutputStream().write(header((1 << 20) + 1));
            assertThat(next(socket.getLocalPort() + " ")).isEqualTo(socket.getLocalPort() + " TOO_LARGE 1048577 1048576");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void withTheLimitRaisedAFourGibibyteHeaderIsStillRefusedForNoArrayCanHoldIt() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(Loopback.address(raisedPort));
            socket.getOutputStream().write(header(0xFFFF_FFFFL));
            assertThat(next(socket.getLocalPort() + " "))
                    .isEqualTo(socket.getLocalPort() + " TOO_LARGE 4294967295 " + AsyncSocket.MAX_RECEIVABLE_LENGTH);
        }
    }

    @Test
    void eightConnectionsClaimingTwoGibibytesEachHoldOnlyWhatArrivedWhileA1MiBMessageIsServed() throws Exception {
        List<Socket> liars = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket liar = new Socket();
                liar.connect(Loopback.address(raisedPort));
                OutputStream out = liar.getOutputStream();
                out.write(header(TWO_GIB_ISH));
                out.write(new byte[1000]);
                out.flush();
                liars.add(liar);
            }
            // Truthful messages at the limit and beyond it (on the raised port) still work meanwhile.
            assertThat(roundTrip(strictPort, 1 << 20)).isTrue();
            assertThat(roundTrip(raisedPort, 3 << 20)).isTrue();
            commands.write("HEAP\n");
            commands.flush();
            long used = Long.parseLong(next("HEAP").split(" ")[1]);
            assertThat(used).as("heap in use with eight 2 GiB claims open").isLessThan(16L << 20);
            assertProbeAlive();
        }
        finally {
            for (Socket liar : liars) {
                liar.close();
            }
        }
        for (Socket liar : liars) {
            assertThat(next(liar.getLocalPort() + " ")).isEqualTo(liar.getLocalPort() + " TRUNCATED " + TWO_GIB_ISH + " 1000");
        }
        assertProbeAlive();
    }

    private static boolean roundTrip(int port, int size) throws Exception {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 8));
        }
        try (AsyncSocket client = AsyncSocket.connect(Loopback.address(port), Duration.ofSeconds(5))) {
            client.sendMsg(payload);
            byte[] reply = client.recvMsg();
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo(expected);
            String report = next(client.localAddress().getPort() + " ");
            assertThat(report).isEqualTo(client.localAddress().getPort() + " MSG " + size);
            return true;
        }
    }

    private static byte[] header(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).array();
    }

    private static void assertProbeAlive() {
        assertThat(probe.isAlive()).as("the probe JVM (32 MiB heap, exits on OutOfMemoryError) is alive; output: %s", lines)
                .isTrue();
    }

    /** The next probe line starting with {@code prefix}; other lines (JVM warnings) are skipped. */
    private static String next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!probe.isAlive()) {
                    break;
                }
                continue;
            }
            if (line.startsWith(prefix)) {
                lines.addAll(skipped);
                return line;
            }
            skipped.add(line);
        }
        lines.addAll(skipped);
        throw new AssertionError("no line starting with '" + prefix + "' from the probe (alive: " + probe.isAlive()
                + "); lines: " + lines);
    }
}
