package io.asyncoro.bench;

import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ssl.OpenSsl;

/** The scenarios of a run, quick or full, and which implementations each compares. */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * @param quick the short set ({@code idle-2k}, {@code echo-msg-100x64}, metrics on/off)
     * @param spring whether the starter's Boot app is on the class path ({@code library-spring}, metrics rows)
     * @param openSsl whether netty-tcnative loads here ({@code netty-openssl} rows)
     */
    static List<Scenario> of(boolean quick, boolean spring, boolean openSsl) {
        // The poller kinds (library-platform, library-virtual) are for runs that name them with --impls; by
        // default a run measures the library as it ships.
        List<String> all = new ArrayList<>(List.of(Bench.LIBRARY, Bench.VT_RAW, Bench.PLATFORM_RAW, Bench.NETTY,
                Bench.LIBRARY_PLATFORM, Bench.LIBRARY_VIRTUAL, Bench.LIBRARY_SPIN));
        List<String> withSpring = new ArrayList<>(all);
        if (spring) {
            withSpring.add(1, Bench.LIBRARY_SPRING);
        }
        List<String> manyConnections = List.of(Bench.LIBRARY, Bench.VT_RAW, Bench.NETTY, Bench.LIBRARY_PLATFORM,
                Bench.LIBRARY_VIRTUAL, Bench.LIBRARY_SPIN);
        List<String> tls = new ArrayList<>(List.of(Bench.LIBRARY, Bench.NETTY));
        List<String> handshakes = new ArrayList<>(all);
        if (openSsl) {
            tls.add(Bench.LIBRARY_OPENSSL);
            tls.add(Bench.NETTY_OPENSSL);
            handshakes.add(Bench.LIBRARY_OPENSSL);
            handshakes.add(Bench.NETTY_OPENSSL);
        }
        List<String> codecs = List.of(Bench.LIBRARY, Bench.NETTY);
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario(quick ? "idle-2k" : "idle-10k", Scenario.Kind.IDLE, Listener.MSG, quick ? 2_000 : 10_000,
                64, 0, withSpring));
        list.add(Scenario.echo(true, 100, 64, withSpring));
        if (spring) {
            list.add(new Scenario("metrics-100x64", Scenario.Kind.ECHO, Listener.MSG, 100, 64, 0,
                    List.of(Bench.METRICS_ON, Bench.METRICS_OFF)));
        }
        if (quick) {
            return list;
        }
        list.add(Scenario.echo(true, 100, 4096, all));
        list.add(Scenario.echo(true, 10_000, 64, manyConnections));
        list.add(Scenario.echo(true, 10_000, 4096, manyConnections));
        list.add(Scenario.echo(false, 100, 64, all));
        list.add(Scenario.echo(false, 100, 4096, all));
        list.add(Scenario.echo(false, 10_000, 64, manyConnections));
        list.add(Scenario.echo(false, 10_000, 4096, manyConnections));
        list.add(new Scenario("open-50k-100x64", Scenario.Kind.OPEN, Listener.MSG, 100, 64, 50_000, all));
        list.add(new Scenario("tls-handshake", Scenario.Kind.TLS, Listener.TLS, 0, 64, 0, handshakes));
        // Issue 16: framed echo over TLS 1.3, the Unix domain socket beside loopback TCP, core's codecs.
        list.add(Scenario.echo("echo-tls", Listener.TLS, 100, 64, tls));
        list.add(Scenario.echo("echo-tls", Listener.TLS, 100, 4096, tls));
        list.add(new Scenario("idle-tls-2k", Scenario.Kind.IDLE, Listener.TLS, 2_000, 64, 0, tls));
        list.add(Scenario.echo("echo-uds", Listener.MSG, 100, 64, List.of(Bench.LIBRARY_UDS, Bench.LIBRARY)));
        list.add(Scenario.echo("codec-len2", Listener.LEN2, 100, 64, codecs));
        list.add(Scenario.echo("codec-crlf", Listener.CRLF, 100, 64, codecs));
        // Issue 15: the client side, 100 callers on a pool of Cells.CLIENT_POOL, against Netty's framed echo.
        list.add(new Scenario("client-request-100on" + Cells.CLIENT_POOL, Scenario.Kind.CLIENT, Listener.MSG, 100, 64,
                0, List.of(Bench.CLIENT_ASYNCORO, Bench.CLIENT_NETTY)));
        return list;
    }

    /** Whether netty-tcnative's OpenSSL (BoringSSL) loads on this machine. */
    static boolean openSslAvailable() {
        try {
            return OpenSsl.isAvailable();
        }
        catch (LinkageError ex) {
            return false;
        }
    }
}
