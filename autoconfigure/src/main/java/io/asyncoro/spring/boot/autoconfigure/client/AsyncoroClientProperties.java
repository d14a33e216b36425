package io.asyncoro.spring.boot.autoconfigure.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.asyncoro.net.TlsProvider;
import io.asyncoro.spring.boot.autoconfigure.FramingProperties;

/**
 * Socket clients, under {@code asyncoro.clients.<name>.*}: each becomes an
 * {@link io.asyncoro.spring.client.AsyncoroClientTemplate} bean, injected with
 * {@code @AsyncoroClient("<name>")}. Bound under {@code asyncoro} (beside the servers) so that the client map
 * is a property of its own, {@code clients}.
 *
 * <pre>
 * asyncoro:
 *   clients:
 *     billing:
 *       addresses: [billing-1:9000, billing-2:9000]   # or host and port
 *       framing: length-field
 *       length-field.length: 2
 *       read-timeout: 2s
 *       ssl.bundle: billing
 * </pre>
 */
@ConfigurationProperties("asyncoro")
public class AsyncoroClientProperties {

    /** Socket clients by name; the name qualifies their beans and tags their metrics. */
    private final Map<String, Client> clients = new LinkedHashMap<>();

    public Map<String, Client> getClients() {
        return this.clients;
    }

    /** One client's settings. Its framing settings are those of a server, and must match its server's. */
    public static class Client extends FramingProperties {

        /** Host to connect to, with port; ignored when addresses is set. */
        private String host;

        /** Port to connect to, with host. */
        private Integer port;

        /** Addresses as host:port, tried in order: the second when the first refuses, and so on (failover). */
        private List<String> addresses = new ArrayList<>();

        /** How long one connect to one address may take. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** How long a request waits for its reply when the call gives no timeout; also send's limit. */
        private Duration readTimeout = Duration.ofSeconds(5);

        /** TLS: the server's certificate is verified against the bundle's trust material, its host name checked. */
        @NestedConfigurationProperty
        private final Ssl ssl = new Ssl();

        /** The connection pool. */
        @NestedConfigurationProperty
        private final Pool pool = new Pool();

        /** Reconnecting after every address failed: exponential backoff with jitter. */
        @NestedConfigurationProperty
        private final Reconnect reconnect = new Reconnect();

        public String getHost() {
            return this.host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return this.port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public List<String> getAddresses() {
            return this.addresses;
        }

        public void setAddresses(List<String> addresses) {
            this.addresses = addresses;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return this.readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Ssl getSsl() {
            return this.ssl;
        }

        public Pool getPool() {
            return this.pool;
        }

        public Reconnect getReconnect() {
            return this.reconnect;
        }
    }

    /** A client's TLS settings. */
    public static class Ssl {

        /** Name of a spring.ssl.bundle.* bundle whose trust material verifies the server; set to use TLS. */
        private String bundle;

        /**
         * Name sent as SNI and checked against the server's certificate; defaults to the host connected to.
         */
        private String serverName;

        /**
         * TLS implementation: jdk (the JDK's own) or openssl (BoringSSL from io.netty:netty-tcnative-boringssl-static,
         * which the application adds with io.netty:netty-handler).
         */
        private TlsProvider provider = TlsProvider.JDK;

        public TlsProvider getProvider() {
            return this.provider;
        }

        public void setProvider(TlsProvider provider) {
            this.provider = provider;
        }

        public String getBundle() {
            return this.bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public String getServerName() {
            return this.serverName;
        }

        public void setServerName(String serverName) {
            this.serverName = serverName;
        }
    }

    /** A client's connection pool. */
    public static class Pool {

        /** Most connections open at once; callers beyond wait, within their timeout, for one to come back. */
        private int maxSize = 8;

        /** How long a connection may wait unused in the pool before it is closed. */
        private Duration maxIdleTime = Duration.ofMinutes(1);

        public int getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(int maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxIdleTime() {
            return this.maxIdleTime;
        }

        public void setMaxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }
    }

    /** How a client waits between rounds of connect attempts once every address has failed. */
    public static class Reconnect {

        /** Wait after the first failed round. */
        private Duration initialBackoff = Duration.ofMillis(100);

        /** Longest wait. */
        private Duration maxBackoff = Duration.ofSeconds(10);

        /** Growth of the wait per failed round. */
        private double multiplier = 2.0;

        /** Random spread of each wait, from 0 to 1 (0.2: 80% to 120%). */
        private double jitter = 0.2;

        public Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }
}
