package io.asyncoro.examples.echo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSession;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.examples.Args;
import io.asyncoro.examples.Example;
import io.asyncoro.examples.Stdio;
import io.asyncoro.examples.UsageException;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;

/**
 * Checks an echo server (ours, or any that speaks asyncoro's framing): sends framed messages from 0 bytes to
 * 1 MiB and compares each echo byte for byte, checks that a half-close ends the stream cleanly, then does the
 * same with raw bytes on the raw port. Prints a line per check and {@code N passed, M failed} last; exits 0
 * only when nothing failed.
 */
public final class EchoClient implements Example {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "echo-client";
    }

    @Override
    public String usage() {
        return "--host H --port P [--raw-port R] [--tls [--trust FILE [--trust-password PW] | --insecure]"
                + " [--tls-protocol TLSv1.3|TLSv1.2]]";
    }

    @Override
    public String summary() {
        return "checks echo-server: framed messages of 0 B to 1 MiB, then raw bytes; prints 'N passed, M failed'";
    }

    @Override
    public Set<String> flags() {
        return Set.of("--tls", "--insecure");
    }

    @Override
    public int run(Args args, Stdio io) throws Exception {
        args.allow(0, Set.of("--host", "--port", "--raw-port", "--tls", "--trust", "--trust-password", "--insecure",
                "--tls-protocol"));
        String host = args.required("--host");
        int port = args.optionInt("--port", -1);
        if (port <= 0) {
            throw new UsageException("--port is required");
        }
        int rawPort = args.optionInt("--raw-port", 0);
        TlsClientConfig tls = args.has("--tls") ? tlsConfig(args, io) : null;
        if (tls == null && (args.has("--trust") || args.has("--insecure") || args.has("--tls-protocol"))) {
            throw new UsageException("--trust, --insecure and --tls-protocol need --tls");
        }

        CheckReport report = new CheckReport(io.out());
        Coro<Void> client = AsynCoro.instance().spawn("echo-client", self -> {
            framedChecks(connect(host, port, tls, report), report);
            if (rawPort > 0) {
                rawChecks(connect(host, rawPort, tls, report), report);
            }
            return null;
        });
        client.value();
        report.printTally();
        return report.allPassed() ? 0 : 1;
    }

    private static TlsClientConfig tlsConfig(Args args, Stdio io) throws IOException, UsageException {
        TlsClientConfig.Builder builder = TlsClientConfig.builder();
        if (args.has("--trust") && args.has("--insecure")) {
            throw new UsageException("--trust and --insecure exclude each other");
        }
        if (args.has("--trust")) {
            char[] password = args.option("--trust-password", "changeit").toCharArray();
            builder.sslContext(SslContexts.trusting(Path.of(args.option("--trust", null)), "PKCS12", password));
        }
        else if (args.has("--insecure")) {
            io.err().println("WARNING: --insecure: the server's certificate is NOT verified;"
                    + " anyone in the middle can read and change this traffic");
            builder.insecureTrustAllCertificates();
        }
        if (args.has("--tls-protocol")) {
            builder.protocols(List.of(args.option("--tls-protocol", null)));
        }
        return builder.build();
    }

    /** Connects and reports the TLS session; {@code null} (and a failed check) when that fails. */
    private static AsyncSocket connect(String host, int port, TlsClientConfig tls, CheckReport report) {
        String check = "connect " + host + ":" + port + (tls != null ? " over TLS" : "");
        try {
            AsyncSocket sock = tls != null ? AsyncSocket.connectTls(host, port, tls) : AsyncSocket.connect(host, port);
            sock.setTimeout(IO_TIMEOUT);
            sock.setMaxMessageSize(EchoServer.MAX_MESSAGE_SIZE);
            SSLSession session = sock.tlsSession().orElse(null);
            report.pass(check + (session != null ? " (" + session.getProtocol() + " " + session.getCipherSuite() + ")" : ""));
            return sock;
        }
        catch (IOException ex) {
            report.fail(check, ex.toString());
            return null;
        }
    }

    private static void framedChecks(AsyncSocket sock, CheckReport report) {
        if (sock == null) {
            return;
        }
        String check = "framed";
        try (sock) {
            for (int size : EchoPayloads.FRAMED_SIZES) {
                check = "framed " + size + " bytes";
                byte[] sent = EchoPayloads.of(size);
                sock.sendMsg(sent);
                report.compare(check, sent, sock.recvMsg());
            }
            // Half-close: the server sees the end of our stream on a message boundary, ends its loop and
            // closes, so we read a clean end of stream (recvMsg returns null).
            check = "framed end of stream";
            sock.shutdownOutput();
            byte[] after = sock.recvMsg();
            if (after == null) {
                report.pass(check);
            }
            else {
                report.fail(check, "got a " + after.length + "-byte message instead");
            }
        }
        catch (IOException ex) {
            report.fail(check, ex.toString());
        }
    }

    private static void rawChecks(AsyncSocket sock, CheckReport report) throws InterruptedException {
        if (sock == null) {
            return;
        }
        String check = "raw";
        try (sock) {
            for (int size : EchoPayloads.RAW_SIZES) {
                check = "raw " + size + " bytes";
                byte[] sent = EchoPayloads.of(size);
                // Send from a second coroutine while this one reads: the server echoes as it reads, so sending
                // 1 MiB before reading anything back would fill both sides' buffers and stall.
                Coro<Void> sender = AsynCoro.instance().spawn("echo-client-send", self -> {
                    sock.sendAll(sent);
                    return null;
                });
                byte[] echoed = sock.recvAll(size);
                sender.value();
                report.compare(check, sent, echoed);
            }
            check = "raw end of stream";
            sock.shutdownOutput();
            byte[] after = sock.recv(1);
            if (after.length == 0) {
                report.pass(check);
            }
            else {
                report.fail(check, "got more bytes instead");
            }
        }
        catch (IOException | RuntimeException ex) {
            report.fail(check, ex.toString());
        }
    }
}
