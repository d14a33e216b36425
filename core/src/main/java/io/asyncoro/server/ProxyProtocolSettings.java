package io.asyncoro.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.asyncoro.net.CidrRange;

/**
 * Whether a server's connections begin with a PROXY protocol header (v1 or v2, as HAProxy, AWS NLB and others
 * send it), which proxies may send one, and how long a header may take.
 *
 * <p>When enabled, every connection must begin with a valid header, read before any TLS bytes; the spec forbids
 * guessing, so a connection without one is refused ({@code rejected{reason=proxy-protocol}}). Handlers then see
 * the client the header names as {@code AsyncSocket.remoteAddress()}; a header without addresses (a v2 {@code LOCAL}
 * health check) keeps the proxy's own address. With {@code trustedProxies} set, a connection from any other
 * address is refused before a byte is read ({@code rejected{reason=untrusted-proxy}}): otherwise anyone who can
 * reach the port can claim to be any client.
 *
 * @param enabled whether connections begin with a header
 * @param trustedProxies the addresses proxies connect from; empty trusts every peer (fine only when the port is
 *        reachable from the proxies alone)
 * @param headerTimeout how long the whole header may take; a slower one closes the connection
 */
public record ProxyProtocolSettings(boolean enabled, List<CidrRange> trustedProxies, Duration headerTimeout) {

    /** The default time a header may take. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);

    /** No PROXY protocol: connections are the clients themselves. */
    public static final ProxyProtocolSettings DISABLED = new ProxyProtocolSettings(false, List.of(),
            DEFAULT_HEADER_TIMEOUT);

    /** Checks the values and copies the list. */
    public ProxyProtocolSettings {
        trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        if (headerTimeout.isZero() || headerTimeout.isNegative()) {
            throw new IllegalArgumentException("the PROXY protocol header timeout must be positive: " + headerTimeout);
        }
    }

    /** Enabled, with the default header timeout, accepting headers only from {@code trustedProxies}. */
    public static ProxyProtocolSettings trusting(List<CidrRange> trustedProxies) {
        return new ProxyProtocolSettings(true, trustedProxies, DEFAULT_HEADER_TIMEOUT);
    }

    /** Enabled, with the default header timeout, accepting headers from any peer. */
    public static ProxyProtocolSettings trustingAnyPeer() {
        return new ProxyProtocolSettings(true, List.of(), DEFAULT_HEADER_TIMEOUT);
    }

    /** These settings with another header timeout. */
    public ProxyProtocolSettings withHeaderTimeout(Duration timeout) {
        return new ProxyProtocolSettings(enabled, trustedProxies, timeout);
    }

    /** Whether a connection from {@code peer} may send a header: it is in {@code trustedProxies}, or that is empty. */
    public boolean trusts(InetAddress peer) {
        if (trustedProxies.isEmpty()) {
            return true;
        }
        for (CidrRange range : trustedProxies) {
            if (range.contains(peer)) {
                return true;
            }
        }
        return false;
    }
}
