package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.asyncoro.net.ClientAuth;
import io.asyncoro.spring.server.Protocol;

/**
 * Configuration of the asyncoro scheduler and of the socket servers, under {@code asyncoro.*}.
 */
@ConfigurationProperties("asyncoro")
public class AsyncoroProperties {

    /** The coroutine scheduler. */
    @NestedConfigurationProperty
    private final Scheduler scheduler = new Scheduler();

    /** Socket servers by name; the name tags their metrics and names their beans and threads. */
    private final Map<String, Server> servers = new LinkedHashMap<>();

    public Scheduler getScheduler() {
        return this.scheduler;
    }

    public Map<String, Server> getServers() {
        return this.servers;
    }

    /** The coroutine scheduler's settings. */
    public static class Scheduler {

        /** How long closing the application context waits for coroutines before terminating them. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }


    /** One socket server's settings. */
    public static class Server extends FramingProperties {

        /**
         * Port to listen on; 0 takes any free port, published as local.asyncoro.servers.<name>.port. Required: a
         * server without a port fails startup rather than listening somewhere nobody looks.
         */
        private Integer port;

        /** Address to listen on. */
        private String address = "0.0.0.0";

        /** Transport: tcp or udp. */
        private Protocol protocol = Protocol.TCP;

        /** Whether handlers run on platform threads instead of virtual-thread coroutines. */
        private boolean blocking = false;

        /** Most connections served at once; a newcomer over the limit is closed and counted. */
        private int maxConnections = 10_000;

        /** How long a connection may wait for a read or write before it is closed; 0 for no limit. */
        private Duration idleTimeout = Duration.ZERO;

        /** Listen backlog: connections the operating system queues before they are accepted. */
        private int backlog = 128;

        /** How long a stop lets handlers finish before the remaining connections are closed. */
        private Duration shutdownGracePeriod = Duration.ofSeconds(30);

        /** Most messages queued for sending on one connection; a connection whose queue overflows is closed (slow consumer). */
        private int sendQueueCapacity = 1024;

        /** TLS settings. */
        @NestedConfigurationProperty
        private final Ssl ssl = new Ssl();

        /** PROXY protocol: connections relayed by a proxy or load balancer that names the client in a header. */
        @NestedConfigurationProperty
        private final ProxyProtocol proxyProtocol = new ProxyProtocol();

        public Integer getPort() {
            return this.port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getAddress() {
            return this.address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public Protocol getProtocol() {
            return this.protocol;
        }

        public void setProtocol(Protocol protocol) {
            this.protocol = protocol;
        }

        public boolean isBlocking() {
            return this.blocking;
        }

        public void setBlocking(boolean blocking) {
            this.blocking = blocking;
        }

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public int getBacklog() {
            return this.backlog;
        }

        public void setBacklog(int backlog) {
            this.backlog = backlog;
        }

        public Duration getShutdownGracePeriod() {
            return this.shutdownGracePeriod;
        }

        public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = shutdownGracePeriod;
        }

        public int getSendQueueCapacity() {
            return this.sendQueueCapacity;
        }

        public void setSendQueueCapacity(int sendQueueCapacity) {
            this.sendQueueCapacity = sendQueueCapacity;
        }

        public Ssl getSsl() {
            return this.ssl;
        }

        public ProxyProtocol getProxyProtocol() {
            return this.proxyProtocol;
        }
    }

    /**
     * A TCP server's PROXY protocol settings (HAProxy's {@code send-proxy}/{@code send-proxy-v2}, AWS NLB and
     * others). When enabled, every connection must begin with a v1 or v2 header, read before any TLS bytes, and
     * handlers see the client it names as the connection's remote address; a connection without a valid header
     * is closed and counted as {@code asyncoro.server.connections.rejected{reason=proxy-protocol}}.
     */
    public static class ProxyProtocol {

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

    /** A server's TLS settings: a Spring SSL bundle, or a key store given inline. */
    public static class Ssl {

        /** Whether the server speaks TLS. */
        private boolean enabled = false;

        /** Name of a spring.ssl.bundle.* bundle to serve; takes precedence over the inline key store. */
        private String bundle;

        /** Location of the key store (PKCS12 or JKS), for example classpath:chat.p12 or file:/etc/chat.p12. */
        private String keyStore;

        /** Password of the key store. */
        private String keyStorePassword;

        /** Type of the key store: PKCS12 or JKS. */
        private String keyStoreType = "PKCS12";

        /** Password of the key in the key store; defaults to the key store password. */
        private String keyPassword;

        /** Location of a trust store for client certificates (client-auth want or need). */
        private String trustStore;

        /** Password of the trust store. */
        private String trustStorePassword;

        /** Type of the trust store: PKCS12 or JKS. */
        private String trustStoreType = "PKCS12";

        /** TLS protocols enabled. */
        private List<String> protocols = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));

        /** Whether clients must present a certificate: none, want or need. */
        private ClientAuth clientAuth = ClientAuth.NONE;

        /** How long a TLS handshake may take before the connection is dropped. */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBundle() {
            return this.bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public String getKeyStore() {
            return this.keyStore;
        }

        public void setKeyStore(String keyStore) {
            this.keyStore = keyStore;
        }

        public String getKeyStorePassword() {
            return this.keyStorePassword;
        }

        public void setKeyStorePassword(String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
        }

        public String getKeyStoreType() {
            return this.keyStoreType;
        }

        public void setKeyStoreType(String keyStoreType) {
            this.keyStoreType = keyStoreType;
        }

        public String getKeyPassword() {
            return this.keyPassword;
        }

        public void setKeyPassword(String keyPassword) {
            this.keyPassword = keyPassword;
        }

        public String getTrustStore() {
            return this.trustStore;
        }

        public void setTrustStore(String trustStore) {
            this.trustStore = trustStore;
        }

        public String getTrustStorePassword() {
            return this.trustStorePassword;
        }

        public void setTrustStorePassword(String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public String getTrustStoreType() {
            return this.trustStoreType;
        }

        public void setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public ClientAuth getClientAuth() {
            return this.clientAuth;
        }

        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }
    }
}
