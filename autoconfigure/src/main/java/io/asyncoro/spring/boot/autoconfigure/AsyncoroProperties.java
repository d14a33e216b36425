package io.asyncoro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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

        /** CIDR ranges (for example 10.0.0.0/8 or ::1/128) a peer must be in to be served; empty for any. */
        private List<String> allow = new ArrayList<>();

        /** CIDR ranges whose peers are refused, checked before allow. */
        private List<String> deny = new ArrayList<>();

        /** Most connections one peer address may hold at once; 0 for no limit. */
        private int maxConnectionsPerAddress = 0;

        /**
         * How long one read may wait before the connection is closed, instead of idle-timeout; 0 leaves reads to
         * idle-timeout. A whole message is one read, so this also reclaims a peer that trickles a byte now and then.
         */
        private Duration readIdleTimeout = Duration.ZERO;

        /**
         * How long one write may wait on a peer that does not read before the connection is closed, instead of
         * idle-timeout; 0 leaves writes to idle-timeout.
         */
        private Duration writeIdleTimeout = Duration.ZERO;

        /** Listen backlog: connections the operating system queues before they are accepted. */
        private int backlog = 128;

        /** How long a stop lets handlers finish before the remaining connections are closed. */
        private Duration shutdownGracePeriod = Duration.ofSeconds(30);

        /** Deprecated: most messages queued for sending on one connection; unset for no count limit. */
        private Integer sendQueueCapacity;

        /** How much may wait to be sent on one connection before it is dropped as a slow consumer. */
        @NestedConfigurationProperty
        private final SendQueueProperties sendQueue = new SendQueueProperties();


        /** TLS settings. */
        @NestedConfigurationProperty
        private final ServerSslProperties ssl = new ServerSslProperties();

        /** PROXY protocol: connections relayed by a proxy or load balancer that names the client in a header. */
        @NestedConfigurationProperty
        private final ProxyProtocolProperties proxyProtocol = new ProxyProtocolProperties();

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

        public List<String> getAllow() {
            return this.allow;
        }

        public void setAllow(List<String> allow) {
            this.allow = allow;
        }

        public List<String> getDeny() {
            return this.deny;
        }

        public void setDeny(List<String> deny) {
            this.deny = deny;
        }

        public int getMaxConnectionsPerAddress() {
            return this.maxConnectionsPerAddress;
        }

        public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        }

        public Duration getReadIdleTimeout() {
            return this.readIdleTimeout;
        }

        public void setReadIdleTimeout(Duration readIdleTimeout) {
            this.readIdleTimeout = readIdleTimeout;
        }

        public Duration getWriteIdleTimeout() {
            return this.writeIdleTimeout;
        }

        public void setWriteIdleTimeout(Duration writeIdleTimeout) {
            this.writeIdleTimeout = writeIdleTimeout;
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

        public SendQueueProperties getSendQueue() {
            return this.sendQueue;
        }



        public ServerSslProperties getSsl() {
            return this.ssl;
        }

        public ProxyProtocolProperties getProxyProtocol() {
            return this.proxyProtocol;
        }
    }

}
