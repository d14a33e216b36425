package io.asyncoro.reliability.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.asyncoro.net.CidrRange;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.ProxyProtocolSettings;
import io.asyncoro.reliability.support.Servers;

/**
 * A real HAProxy (Debian's {@code haproxy} package) balancing two asyncoro servers with {@code send-proxy-v2}:
 * each server must see every client's own loopback address and port, not HAProxy's. Skipped, with the reason,
 * where HAProxy is not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HaproxyTest {

    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    private final List<AsyncSocketServer> servers = new ArrayList<>();
    private Process haproxy;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (AsyncSocketServer server : servers) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Answers each line with "<server> <address> <port>" of the client its socket reports. */
    private static ConnectionHandler whoAmI(String name, List<InetSocketAddress> seen) {
        return socket -> {
            byte[] line;
            while ((line = socket.recvLine()) != null) {
                // Recorded per line, not per connection: the readiness probe's connection sends none.
                InetSocketAddress client = socket.remoteAddress();
                seen.add(client);
                socket.sendLine((name + " " + client.getAddress().getHostAddress() + " " + client.getPort() + " "
                        + new String(line, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    @Test
    void bothInstancesSeeEveryClientsOwnAddressAndPortThroughHaproxy() throws Exception {
        Path binary = haproxyBinary().orElse(null);
        Assumptions.assumeTrue(binary != null,
                "haproxy not installed: no executable haproxy on the PATH or in /usr/sbin (apt-get install haproxy)");
        ConcurrentHashMap<String, List<InetSocketAddress>> seen = new ConcurrentHashMap<>();
        for (String name : List.of("s1", "s2")) {
            List<InetSocketAddress> connections = new CopyOnWriteArrayList<>();
            seen.put(name, connections);
            AsyncSocketServer server = Servers.started(Servers.loopback(name)
                    .proxyProtocol(ProxyProtocolSettings.trusting(List.of(CidrRange.parse("127.0.0.0/8"))))
                    .handler(whoAmI(name, connections)));
            servers.add(server);
        }
        int port = freePort();
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    maxconn 100
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend clients
                    bind 127.0.0.1:%d
                    default_backend asyncoro
                backend asyncoro
                    balance roundrobin
                    server s1 127.0.0.1:%d send-proxy-v2
                    server s2 127.0.0.1:%d send-proxy-v2
                """.formatted(port, servers.get(0).localPort(), servers.get(1).localPort()));
        Path log = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder(binary.toString(), "-f", config.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .failFast("haproxy exited: " + log, () -> !haproxy.isAlive())
                .until(() -> accepts(port));

        List<Integer> clientPorts = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                client.setSoTimeout(10_000);
                client.getOutputStream().write(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                String reply = readLine(client.getInputStream());
                assertThat(reply).as("reply through haproxy (log %s: %s)", log, Files.readString(log))
                        .matches("s[12] 127\\.0\\.0\\.1 " + client.getLocalPort() + " hello " + i);
                clientPorts.add(client.getLocalPort());
            }
        }

        assertThat(seen.get("s1")).isNotEmpty();
        assertThat(seen.get("s2")).isNotEmpty();
        List<Integer> seenPorts = Stream.concat(seen.get("s1").stream(), seen.get("s2").stream())
                .map(InetSocketAddress::getPort).toList();
        assertThat(seenPorts).containsExactlyInAnyOrderElementsOf(clientPorts);
        assertThat(Stream.concat(seen.get("s1").stream(), seen.get("s2").stream()))
                .allMatch(address -> address.getAddress().isLoopbackAddress());
    }

    private static Optional<Path> haproxyBinary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "haproxy")).filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Whether haproxy listens yet; it forwards the probe to a server too, which sees it close without a line. */
    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }
}
