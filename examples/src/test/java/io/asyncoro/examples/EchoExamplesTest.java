package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.asyncoro.examples.support.ChildProcess;
import io.asyncoro.examples.support.RunningExample;

/**
 * {@code echo-server} in a JVM of its own (plain and TLS), checked by {@code echo-client} and by an independent
 * Python implementation of asyncoro's wire format.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoExamplesTest {

    /** 1 connect + 12 framed sizes + end of stream, then 1 connect + 3 raw sizes + end of stream. */
    static final String ALL_PASSED = "19 passed, 0 failed";

    private static final Supplier<Boolean> PYTHON = memoize(ChildProcess::pythonAvailable);

    private static final Pattern READY = Pattern.compile("READY msg=127\\.0\\.0\\.1:(\\d+) raw=127\\.0\\.0\\.1:(\\d+)");

    static ChildProcess plainServer;
    static ChildProcess tlsServer;
    static int plainPort;
    static int plainRawPort;
    static int tlsPort;
    static int tlsRawPort;

    @BeforeAll
    static void startServers() throws Exception {
        plainServer = ChildProcess.java("echo-server", "--host", "127.0.0.1", "--port", "0", "--raw-port", "0");
        tlsServer = ChildProcess.java("echo-server", "--host", "127.0.0.1", "--port", "0", "--raw-port", "0",
                "--keystore", TlsFiles.serverKeyStore().toString(), "--keystore-password", TlsFiles.PASSWORD);
        Matcher plain = ready(plainServer);
        plainPort = Integer.parseInt(plain.group(1));
        plainRawPort = Integer.parseInt(plain.group(2));
        Matcher tls = ready(tlsServer);
        tlsPort = Integer.parseInt(tls.group(1));
        tlsRawPort = Integer.parseInt(tls.group(2));
    }

    private static Matcher ready(ChildProcess server) {
        String line = server.out.await(l -> l.startsWith("READY"), "its READY line");
        Matcher matcher = READY.matcher(line);
        assertThat(matcher.matches()).as("READY line %s", line).isTrue();
        return matcher;
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (plainServer != null) {
            plainServer.close();
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    @Test
    @DisplayName("echo-server prints exactly one line on stdout, READY, with the ports it took")
    void serverPrintsOneReadyLine() {
        assertThat(plainServer.out.snapshot()).singleElement().matches(l -> READY.matcher(l).matches());
        assertThat(tlsServer.out.snapshot()).singleElement().matches(l -> READY.matcher(l).matches());
        assertThat(plainPort).isNotEqualTo(plainRawPort).isPositive();
    }

    @Nested
    @DisplayName("echo-client")
    class JavaClient {

        @Test
        void passesEveryCheckOverPlainTcp() throws Exception {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(plainPort), "--raw-port", String.valueOf(plainRawPort));
            client.assertExit(0);
            assertAllPassed(client.out.snapshot());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
        void passesEveryCheckOverTlsVerifyingTheServer(String protocol) throws Exception {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(tlsPort), "--raw-port", String.valueOf(tlsRawPort), "--tls",
                    "--trust", TlsFiles.trustStore().toString(), "--tls-protocol", protocol);
            client.assertExit(0);
            List<String> out = client.out.snapshot();
            assertAllPassed(out);
            assertThat(out).filteredOn(l -> l.startsWith("PASS connect")).hasSize(2)
                    .allMatch(l -> l.contains("over TLS (" + protocol + " "));
        }

        @Test
        void insecureModeWorksAndWarns() throws Exception {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(tlsPort), "--tls", "--insecure");
            client.assertExit(0);
            assertThat(client.out.snapshot()).last().isEqualTo("14 passed, 0 failed");
            assertThat(client.err.snapshot()).anyMatch(l -> l.startsWith("WARNING: --insecure"));
        }

        @Test
        void verifiesTheServerByDefaultAndFailsWhenItIsNotTrusted() throws Exception {
            // Without --trust the JDK's own trust anchors apply, and they do not know the test certificate.
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(tlsPort), "--tls");
            client.assertExit(1);
            assertThat(client.out.snapshot()).first().asString().startsWith("FAIL connect 127.0.0.1:" + tlsPort + " over TLS");
            assertThat(client.out.snapshot()).last().isEqualTo("0 passed, 1 failed");
        }

        @Test
        void framedOnlyWhenNoRawPortIsGiven() throws Exception {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(plainPort));
            client.assertExit(0);
            assertThat(client.out.snapshot()).last().isEqualTo("14 passed, 0 failed");
            assertThat(client.out.snapshot()).noneMatch(l -> l.contains("raw"));
        }

        @Test
        void tlsOptionsWithoutTlsAreAUsageError() throws Exception {
            RunningExample client = RunningExample.runToEnd("echo-client", "--host", "127.0.0.1",
                    "--port", String.valueOf(plainPort), "--insecure");
            client.assertExit(Examples.USAGE);
            assertThat(client.err.snapshot()).first().asString().contains("need --tls");
        }
    }

    @Nested
    @DisplayName("Python asyncoro wire client (interop/asyncoro_wire_client.py; skipped when python3 is not on PATH)")
    class PythonWireClient {

        private static final Path SCRIPT = Path.of("interop", "asyncoro_wire_client.py");

        @BeforeEach
        void needsPython() {
            assumeTrue(PYTHON.get(), "python3 is not on PATH: skipping the Python interop checks");
        }

        @Test
        void talksToTheJavaEchoServerOverPlainTcp() throws Exception {
            runPython(List.of());
        }

        @ParameterizedTest(name = "TLS {0}")
        @ValueSource(strings = { "1.3", "1.2" })
        void talksToTheJavaEchoServerOverTls(String version) throws Exception {
            List<String> out = runPython(List.of("--tls", "--cafile", TlsFiles.serverCertificatePem().toString(),
                    "--tls-version", version));
            assertThat(out).filteredOn(l -> l.startsWith("PASS connect")).hasSize(2)
                    .allMatch(l -> l.contains("over TLS (TLSv" + version + " "));
        }

        private List<String> runPython(List<String> tlsArgs) throws Exception {
            boolean tls = !tlsArgs.isEmpty();
            List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1",
                    "--port", String.valueOf(tls ? tlsPort : plainPort),
                    "--raw-port", String.valueOf(tls ? tlsRawPort : plainRawPort)));
            args.addAll(tlsArgs);
            try (ChildProcess python = ChildProcess.python(SCRIPT, args.toArray(String[]::new))) {
                python.assertExit(0);
                List<String> out = python.out.snapshot();
                assertAllPassed(out);
                return out;
            }
        }
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        Object[] cell = new Object[1];
        return () -> {
            synchronized (cell) {
                if (cell[0] == null) {
                    cell[0] = supplier.get();
                }
                @SuppressWarnings("unchecked")
                T value = (T) cell[0];
                return value;
            }
        };
    }

    static void assertAllPassed(List<String> out) {
        assertThat(out).last().isEqualTo(ALL_PASSED);
        assertThat(out).filteredOn(l -> l.startsWith("PASS ")).hasSize(19);
        assertThat(out).contains("PASS framed 0 bytes", "PASS framed 65536 bytes", "PASS framed 1048576 bytes",
                "PASS framed end of stream", "PASS raw 1048576 bytes", "PASS raw end of stream");
    }
}
