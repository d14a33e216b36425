package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.ChildProcess;

/**
 * The packaged {@code target/asyncoro-examples.jar}, run with {@code java -jar} as the README says (failsafe,
 * after {@code package}): its manifest, the core classes shaded into it, and the echo pair over TLS.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExamplesJarIT {

    private static final Pattern READY = Pattern.compile("READY msg=127\\.0\\.0\\.1:(\\d+) raw=127\\.0\\.0\\.1:(\\d+)");

    @Test
    void runsOnItsOwnAndListsTheExamples() throws Exception {
        try (ChildProcess usage = ChildProcess.jar()) {
            usage.assertExit(Examples.USAGE);
            assertThat(usage.err.snapshot()).anyMatch(l -> l.strip().startsWith("echo-server "));
        }
        try (ChildProcess udp = ChildProcess.jar("udp", "5")) {
            udp.assertExit(0);
            assertThat(udp.out.snapshot()).last().isEqualTo("5 of 5 echoes received");
        }
    }

    @Test
    @DisplayName("jar echo-server over TLS passes the jar's echo-client (TLS 1.3) and the Python wire client (TLS 1.2, when python3 is on PATH)")
    void echoPairOverTls() throws Exception {
        try (ChildProcess server = ChildProcess.jar("echo-server", "--host", "127.0.0.1", "--keystore",
                TlsFiles.serverKeyStore().toString(), "--keystore-password", TlsFiles.PASSWORD)) {
            Matcher ready = READY.matcher(server.out.await(l -> l.startsWith("READY"), "its READY line"));
            assertThat(ready.matches()).isTrue();
            String port = ready.group(1);
            String rawPort = ready.group(2);

            try (ChildProcess client = ChildProcess.jar("echo-client", "--host", "127.0.0.1", "--port", port,
                    "--raw-port", rawPort, "--tls", "--trust", TlsFiles.trustStore().toString(), "--tls-protocol", "TLSv1.3")) {
                client.assertExit(0);
                assertThat(client.out.snapshot()).last().isEqualTo(EchoExamplesTest.ALL_PASSED);
            }

            assumeTrue(ChildProcess.pythonAvailable(), "python3 is not on PATH: skipping the Python half of this check");
            try (ChildProcess python = ChildProcess.python(Path.of("interop", "asyncoro_wire_client.py"), "--host",
                    "127.0.0.1", "--port", port, "--raw-port", rawPort, "--tls", "--cafile",
                    TlsFiles.serverCertificatePem().toString(), "--tls-version", "1.2")) {
                python.assertExit(0);
                assertThat(python.out.snapshot()).last().isEqualTo(EchoExamplesTest.ALL_PASSED);
            }
        }
    }
}
