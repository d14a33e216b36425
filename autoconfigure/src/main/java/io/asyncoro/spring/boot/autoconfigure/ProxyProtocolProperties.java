package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP server's PROXY protocol settings (HAProxy's {@code send-proxy}/{@code send-proxy-v2}, AWS NLB and
 * others). When enabled, every connection must begin with a v1 or v2 header, read before any TLS bytes, and
 * handlers see the client it names as the connection's remote address; a connection without a valid header
 * is closed and counted as {@code asyncoro.server.connections.rejected{reason=proxy-protocol}}.
 */
public class ProxyProtocolProperties {

    /** Whether every connection begins with a PROXY protocol header (v1 or v2). */
    private boolean enabled = false;

    /**
     * Addresses or CIDR ranges the proxies connect from, for example 10.0.0.0/8; a connection from anywhere
     * else is refused. Empty trusts every peer, which is safe only when nothing but the proxies can reach the
     * port.
     */
    private List<String> trustedProxies = new ArrayList<>();

    /** How long a connection may take to send its whole header before it is closed. */
    private Duration headerTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTrustedProxies() {
        return this.trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public Duration getHeaderTimeout() {
        return this.headerTimeout;
    }

    public void setHeaderTimeout(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }
}
