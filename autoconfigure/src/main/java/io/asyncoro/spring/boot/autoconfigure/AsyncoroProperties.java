package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.Framing;
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
    public static class Server {

        /** Port to listen on; 0 takes any free port, published as local.asyncoro.servers.<name>.port. */
        private int port = 0;

        /** Address to listen on. */
        private String address = "0.0.0.0";

        /** Transport: tcp or udp. */
        private Protocol protocol = Protocol.TCP;

        /** Whether handlers run on platform threads instead of virtual-thread coroutines. */
        private boolean blocking = false;

        /** How the byte stream is cut into messages: message (asyncoro send_msg framing), line or raw. */
        private Framing framing = Framing.MESSAGE;

        /** Largest message (frame payload, line or datagram) accepted; a larger one closes the connection. */
        private DataSize maxMessageSize = DataSize.ofMegabytes(1);

        /** Most connections served at once; a newcomer over the limit is closed and counted. */
        private int maxConnections = 10_000;

        /** How long a connection may wait for a read or write before it is closed; 0 for no limit. */
        private Duration idleTimeout = Duration.ZERO;

        /** Listen backlog: connections the operating system queues before they are accepted. */
        private int backlog = 128;

        /** How long a stop lets handlers finish before the remaining connections are closed. */
        private Duration shutdownGracePeriod = Duration.ofSeconds(30);

        /** Deprecated: most messages queued for sending on one connection; unset for no count limit. */
        private Integer sendQueueCapacity;

        /** How much may wait to be sent on one connection before it is dropped as a slow consumer. */
        @NestedConfigurationProperty
        private final SendQueue sendQueue = new SendQueue();

        /** Largest read in raw framing. */
        private DataSize rawReadSize = DataSize.ofKilobytes(8);

        /** TLS settings. */
        @NestedConfigurationProperty
        private final Ssl ssl = new Ssl();

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
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

        public Framing getFraming() {
            return this.framing;
        }

        public void setFraming(Framing framing) {
            this.framing = framing;
        }

        public DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
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

        /**
         * Kept so that existing configurations still bound the queue (now as a message count on top of the byte
         * limits), rather than being silently ignored as an unknown property would be.
         */
        @DeprecatedConfigurationProperty(replacement = "asyncoro.servers.*.send-queue.hard-limit",
                reason = "Counting messages bounds memory only as far as their size allows (1,024 x 1 MiB is 1 GiB "
                        + "per slow reader) and drops healthy readers in bursts; send-queue.* counts bytes.",
                since = "0.1.0")
        public Integer getSendQueueCapacity() {
            return this.sendQueueCapacity;
        }

        public void setSendQueueCapacity(Integer sendQueueCapacity) {
            this.sendQueueCapacity = sendQueueCapacity;
        }

        public SendQueue getSendQueue() {
            return this.sendQueue;
        }

        public DataSize getRawReadSize() {
            return this.rawReadSize;
        }

        public void setRawReadSize(DataSize rawReadSize) {
            this.rawReadSize = rawReadSize;
        }

        public Ssl getSsl() {
            return this.ssl;
        }
    }

    /**
     * A connection's send queue limits, in bytes, as Redis's client-output-buffer-limit: a connection is dropped
     * (a slow consumer) once its queue is past the hard limit, or over the soft limit for the whole soft period.
     */
    public static class SendQueue {

        /** Bytes queued for one connection past which it is dropped at once. */
        private DataSize hardLimit = DataSize.ofMegabytes(1);

        /** Bytes queued for one connection that it may exceed for at most soft-period; 0 for no soft limit. */
        private DataSize softLimit = DataSize.ofKilobytes(256);

        /** How long a connection's queue may stay over soft-limit before the connection is dropped. */
        private Duration softPeriod = Duration.ofSeconds(10);

        public DataSize getHardLimit() {
            return this.hardLimit;
        }

        public void setHardLimit(DataSize hardLimit) {
            this.hardLimit = hardLimit;
        }

        public DataSize getSoftLimit() {
            return this.softLimit;
        }

        public void setSoftLimit(DataSize softLimit) {
            this.softLimit = softLimit;
        }

        public Duration getSoftPeriod() {
            return this.softPeriod;
        }

        public void setSoftPeriod(Duration softPeriod) {
            this.softPeriod = softPeriod;
        }
    }

    /** A server's TLS settings: a Spring SSL bundle, or a key store given inline. */
    public static class Ssl {

        /**
         * Whether the server speaks TLS. Unset, it does when key material is named (bundle or key-store), as
         * Boot's server.ssl does; false with key material named serves plain TCP and logs a warning.
         */
        private Boolean enabled;

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

        public Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether the server serves TLS: {@code enabled} when set, otherwise whether key material is named.
         * Not a bean property (no {@code get}/{@code is} prefix), so binding and metadata ignore it.
         */
        public boolean servesTls() {
            return (this.enabled != null) ? this.enabled : namesKeyMaterial();
        }

        /** Whether a bundle or an inline key store is named. */
        public boolean namesKeyMaterial() {
            return hasText(this.bundle) || hasText(this.keyStore);
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
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
