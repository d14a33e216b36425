package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.StringUtils;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.CidrRange;
import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.TlsProvider;
import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.ProxyProtocolSettings;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.MissingAsyncoroPropertyException;
import io.asyncoro.spring.server.Protocol;

/**
 * Checks {@code asyncoro.*} values that binding alone accepts but a server cannot use, so startup fails
 * with the property's name and what it allows rather than deep inside a server. (Unknown enum values, such
 * as {@code protocol: sctp}, already fail binding, and Boot's own analysis lists the allowed values.)
 */
public final class AsyncoroPropertiesValidator {

    /** The TLS versions a server may enable: 1.2 and later. */
    public static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private static final Set<String> STORE_TYPES = Set.of("PKCS12", "JKS");

    private AsyncoroPropertiesValidator() {
    }

    /**
     * Checks every setting.
     *
     * @throws InvalidAsyncoroPropertyException for the first value out of range
     */
    public static void validate(AsyncoroProperties properties) {
        notNegative("asyncoro.scheduler.shutdown-timeout", properties.getScheduler().getShutdownTimeout());
        properties.getServers().forEach(AsyncoroPropertiesValidator::validate);
    }

    /**
     * Checks one server's settings.
     *
     * @throws MissingAsyncoroPropertyException when the port is not set
     * @throws InvalidAsyncoroPropertyException for the first value out of range
     */
    public static void validate(String serverName, AsyncoroProperties.Server server) {
        String prefix = "asyncoro.servers." + serverName + ".";
        if (serverName.isBlank()) {
            throw new InvalidAsyncoroPropertyException("asyncoro.servers", "''", "keyed by non-blank server names");
        }
        if (server.getPort() == null) {
            throw new MissingAsyncoroPropertyException(prefix + "port", "set a port, or 0 for any free port");
        }
        if (server.getPort() < 0 || server.getPort() > 65535) {
            throw new InvalidAsyncoroPropertyException(prefix + "port", server.getPort(),
                    "between 0 and 65535 (0 takes any free port)");
        }
        if (server.getProtocol() == null) {
            throw new InvalidAsyncoroPropertyException(prefix + "protocol", null, "one of tcp, udp");
        }
        if (server.getFraming() == null) {
            throw new InvalidAsyncoroPropertyException(prefix + "framing", null,
                    "one of message, line, raw, crlf, stx-etx, delimiter, fixed, length-field");
        }
        long maxMessageSize = server.getMaxMessageSize() == null ? -1 : server.getMaxMessageSize().toBytes();
        if (server.getProtocol() == Protocol.UDP) {
            if (maxMessageSize < 1) {
                throw new InvalidAsyncoroPropertyException(prefix + "max-message-size", server.getMaxMessageSize(),
                        "between 1B and " + AsyncDatagramServer.MAX_DATAGRAM_SIZE + "B for a udp server");
            }
            if (server.getSsl().servesTls()) {
                throw new InvalidAsyncoroPropertyException(prefix + "ssl.enabled", true,
                        "false for a udp server (TLS needs tcp)");
            }
        }
        if (server.isBlocking() && server.getSsl().servesTls() && server.getSsl().getProvider() == TlsProvider.OPENSSL) {
            // Blocking mode's TLS is the JDK's SSLSocket; OpenSSL's engines run on the poller only.
            throw new InvalidAsyncoroPropertyException(prefix + "ssl.provider", "openssl",
                    "jdk for a blocking server (blocking: true), whose TLS is the JDK's SSLSocket");
        }
        else if (maxMessageSize < 0 || maxMessageSize > AsyncSocket.MAX_RECEIVABLE_LENGTH) {
            throw new InvalidAsyncoroPropertyException(prefix + "max-message-size", server.getMaxMessageSize(),
                    "between 0B and " + AsyncSocket.MAX_RECEIVABLE_LENGTH + "B");
        }
        positive(prefix + "max-connections", server.getMaxConnections());
        validateAdmission(prefix, server);
        positive(prefix + "backlog", server.getBacklog());
        if (server.getSendQueueCapacity() != null) {
            positive(prefix + "send-queue-capacity", server.getSendQueueCapacity());
        }
        validateSendQueue(prefix + "send-queue.", server.getSendQueue());
        notNegative(prefix + "idle-timeout", server.getIdleTimeout());
        notNegative(prefix + "shutdown-grace-period", server.getShutdownGracePeriod());
        long rawReadSize = server.getRawReadSize() == null ? -1 : server.getRawReadSize().toBytes();
        if (rawReadSize < 1 || rawReadSize > Integer.MAX_VALUE - 8) {
            throw new InvalidAsyncoroPropertyException(prefix + "raw-read-size", server.getRawReadSize(),
                    "between 1B and 2GB");
        }
        validateSsl(prefix + "ssl.", server.getSsl());
        proxyProtocol(prefix + "proxy-protocol.", server);
    }

    /**
     * The PROXY protocol settings as the server will use them; a bad entry of {@code trusted-proxies} fails
     * naming its index and the entry, even while the protocol is disabled, so enabling it later cannot surprise.
     *
     * @throws InvalidAsyncoroPropertyException for the first value a server cannot use
     */
    static ProxyProtocolSettings proxyProtocol(String prefix, AsyncoroProperties.Server server) {
        ProxyProtocolProperties proxy = server.getProxyProtocol();
        Duration timeout = proxy.getHeaderTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidAsyncoroPropertyException(prefix + "header-timeout", timeout, "a positive duration");
        }
        if (proxy.isEnabled() && server.getProtocol() == Protocol.UDP) {
            throw new InvalidAsyncoroPropertyException(prefix + "enabled", true,
                    "false for a udp server (PROXY protocol headers come on tcp connections)");
        }
        List<String> entries = proxy.getTrustedProxies() == null ? List.of() : proxy.getTrustedProxies();
        List<CidrRange> ranges = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            try {
                ranges.add(CidrRange.parse(entry == null ? "" : entry.strip()));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidAsyncoroPropertyException(prefix + "trusted-proxies[" + i + "]", entry,
                        "an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32 (" + ex.getMessage() + ")");
            }
        }
        return new ProxyProtocolSettings(proxy.isEnabled(), ranges, timeout);
    }

    private static void validateAdmission(String prefix, AsyncoroProperties.Server server) {
        cidrs(prefix + "allow", server.getAllow());
        cidrs(prefix + "deny", server.getDeny());
        if (server.getMaxConnectionsPerAddress() < 0) {
            throw new InvalidAsyncoroPropertyException(prefix + "max-connections-per-address",
                    server.getMaxConnectionsPerAddress(), "0 (no limit) or more");
        }
        notNegative(prefix + "read-idle-timeout", server.getReadIdleTimeout());
        notNegative(prefix + "write-idle-timeout", server.getWriteIdleTimeout());
        if (server.getProtocol() == Protocol.UDP && (!server.getAllow().isEmpty() || !server.getDeny().isEmpty()
                || server.getMaxConnectionsPerAddress() != 0 || !server.getReadIdleTimeout().isZero()
                || !server.getWriteIdleTimeout().isZero())) {
            throw new InvalidAsyncoroPropertyException(prefix + "protocol", "udp",
                    "tcp when allow, deny, max-connections-per-address or read/write-idle-timeout is set "
                            + "(they apply to connections)");
        }
    }

    private static void cidrs(String property, List<String> ranges) {
        if (ranges == null) {
            throw new InvalidAsyncoroPropertyException(property, null, "a list of CIDR ranges");
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!CidrNotation.isValid(ranges.get(i))) {
                throw new InvalidAsyncoroPropertyException(property + "[" + i + "]", ranges.get(i),
                        "an IPv4 or IPv6 address or CIDR range, for example 10.0.0.0/8, 192.168.1.7 or fd00::/8");
            }
        }
    }

    private static void validateSendQueue(String prefix, SendQueueProperties queue) {
        long hard = (queue.getHardLimit() != null) ? queue.getHardLimit().toBytes() : -1;
        if (hard < 1) {
            throw new InvalidAsyncoroPropertyException(prefix + "hard-limit", queue.getHardLimit(), "at least 1B");
        }
        long soft = (queue.getSoftLimit() != null) ? queue.getSoftLimit().toBytes() : -1;
        if (soft < 0 || soft > hard) {
            throw new InvalidAsyncoroPropertyException(prefix + "soft-limit", queue.getSoftLimit(),
                    "between 0B (no soft limit) and " + prefix + "hard-limit (" + hard + "B)");
        }
        notNegative(prefix + "soft-period", queue.getSoftPeriod());
    }

    private static void validateSsl(String prefix, ServerSslProperties ssl) {
        if (!ssl.servesTls()) {
            return;
        }
        if (!StringUtils.hasText(ssl.getBundle()) && !StringUtils.hasText(ssl.getKeyStore())) {
            throw new InvalidAsyncoroPropertyException(prefix + "bundle", "",
                    "set when ssl.enabled is true, or else set " + prefix + "key-store");
        }
        List<String> protocols = ssl.getProtocols();
        if (protocols == null || protocols.isEmpty() || !TLS_PROTOCOLS.containsAll(protocols)) {
            throw new InvalidAsyncoroPropertyException(prefix + "protocols", protocols,
                    "a non-empty list of TLSv1.3, TLSv1.2");
        }
        if (ssl.getClientAuth() == null) {
            throw new InvalidAsyncoroPropertyException(prefix + "client-auth", null, "one of none, want, need");
        }
        // Without a trust store the JDK's public CA list would vouch for clients: any certificate bought from
        // a public CA would pass. A bundle's trust store is checked when the bundle is loaded.
        if (ssl.getClientAuth() != ClientAuth.NONE && !StringUtils.hasText(ssl.getBundle())
                && !StringUtils.hasText(ssl.getTrustStore())) {
            throw new InvalidAsyncoroPropertyException(prefix + "client-auth", ssl.getClientAuth(),
                    clientAuthNeedsTrustStore(prefix));
        }
        Duration handshake = ssl.getHandshakeTimeout();
        if (handshake == null || handshake.isNegative() || handshake.isZero()) {
            throw new InvalidAsyncoroPropertyException(prefix + "handshake-timeout", handshake, "a positive duration");
        }
        storeType(prefix + "key-store-type", ssl.getKeyStoreType());
        storeType(prefix + "trust-store-type", ssl.getTrustStoreType());
    }

    /** What {@code client-auth} want or need requires, in words. */
    public static String clientAuthNeedsTrustStore(String sslPrefix) {
        return "none unless the CAs that vouch for clients are given: set " + sslPrefix
                + "trust-store, or serve a bundle with a truststore (the JDK's public CA list is never used)";
    }

    private static void storeType(String property, String type) {
        if (type == null || !STORE_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            throw new InvalidAsyncoroPropertyException(property, type, "one of PKCS12, JKS");
        }
    }

    private static void positive(String property, int value) {
        if (value < 1) {
            throw new InvalidAsyncoroPropertyException(property, value, "at least 1");
        }
    }

    private static void notNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidAsyncoroPropertyException(property, value, "zero or a positive duration");
        }
    }
}
