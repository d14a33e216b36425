package io.asyncoro.spring.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Framing;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.net.codec.Codec;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ProxyProtocolSettings;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.connection.MessageFraming;
import io.asyncoro.spring.connection.SendQueueLimits;

/**
 * What one server is built from, free of Spring Boot: Boot's auto-configuration maps
 * {@code asyncoro.servers.<name>.*} to it, and an application that is not a Boot app builds it by hand.
 * Immutable; {@link #builder(String)} starts from the same defaults as the properties.
 */
public final class SocketServerSettings {

    private final String name;
    private final Protocol protocol;
    private final InetAddress address;
    private final int port;
    private final int backlog;
    private final boolean blocking;
    private final Framing framing;
    private final Codec codec;
    private final long maxMessageSize;
    private final int rawReadSize;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration shutdownGracePeriod;
    private final SendQueueLimits sendQueueLimits;
    private final TlsServerConfig tls;
    private final ProxyProtocolSettings proxyProtocol;
    private final AdmissionSettings admission;

    private SocketServerSettings(Builder builder) {
        this.name = builder.name;
        this.protocol = builder.protocol;
        this.address = builder.address;
        this.port = builder.port;
        this.backlog = builder.backlog;
        this.blocking = builder.blocking;
        this.framing = builder.framing;
        this.codec = builder.codec;
        this.maxMessageSize = builder.maxMessageSize;
        this.rawReadSize = builder.rawReadSize;
        this.maxConnections = builder.maxConnections;
        this.idleTimeout = builder.idleTimeout;
        this.shutdownGracePeriod = builder.shutdownGracePeriod;
        this.sendQueueLimits = builder.sendQueueLimits;
        this.tls = builder.tls;
        this.proxyProtocol = builder.proxyProtocol;
        this.admission = builder.admission;
    }

    /** Settings for the named server, starting from the defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The server's name: metrics tag, log prefix, the key under {@code asyncoro.servers}. */
    public String name() {
        return this.name;
    }

    /** TCP or UDP. */
    public Protocol protocol() {
        return this.protocol;
    }

    /** The address to bind, {@code null} for every interface. */
    public InetAddress address() {
        return this.address;
    }

    /** The port to bind; 0 for any free one. */
    public int port() {
        return this.port;
    }

    /** The accept queue length. */
    public int backlog() {
        return this.backlog;
    }

    /** Whether handlers run on platform threads rather than coroutines. */
    public boolean blocking() {
        return this.blocking;
    }

    /** How the byte stream is cut into messages for {@code @OnMessage} handlers. */
    public Framing framing() {
        return this.framing;
    }

    /** The codec that frames messages instead of {@link #framing()}, or {@code null} for none. */
    public Codec codec() {
        return this.codec;
    }

    /**
     * How connections read and write messages: the {@link #codec()} when there is one (reading at most
     * {@link #rawReadSize()} bytes per socket read), else the {@link #framing()}.
     */
    public MessageFraming messageFraming() {
        return this.codec != null ? MessageFraming.of(this.codec)
                : MessageFraming.of(this.framing, this.rawReadSize);
    }

    /** The largest message accepted, in bytes. */
    public long maxMessageSize() {
        return this.maxMessageSize;
    }

    /** With raw framing, the most bytes one read hands to {@code @OnMessage}. */
    public int rawReadSize() {
        return this.rawReadSize;
    }

    /** The most connections served at once. */
    public int maxConnections() {
        return this.maxConnections;
    }

    /** How long a connection may stay silent; {@link Duration#ZERO} for no limit. */
    public Duration idleTimeout() {
        return this.idleTimeout;
    }

    /** How long a stop lets handlers finish before closing what remains. */
    public Duration shutdownGracePeriod() {
        return this.shutdownGracePeriod;
    }

    /** How much may be queued for sending on one connection before it is dropped as a slow consumer. */
    public SendQueueLimits sendQueueLimits() {
        return this.sendQueueLimits;
    }

    /** The TLS settings, {@code null} for plain TCP. */
    public TlsServerConfig tls() {
        return this.tls;
    }

    /** Whether connections begin with a PROXY protocol header, from which proxies, within what time. */
    public ProxyProtocolSettings proxyProtocol() {
        return this.proxyProtocol;
    }

    /** Who the server admits and the directional idle timeouts (TCP only). */
    public AdmissionSettings admission() {
        return this.admission;
    }

    @Override
    public String toString() {
        return "SocketServerSettings[" + this.name + ", " + this.protocol + ", port " + this.port
                + (this.tls != null ? ", tls" : "") + (this.proxyProtocol.enabled() ? ", proxy-protocol" : "") + "]";
    }

    /** Builds {@link SocketServerSettings}; every setter is optional. */
    public static final class Builder {

        private final String name;
        private Protocol protocol = Protocol.TCP;
        private InetAddress address;
        private int port;
        private int backlog = 128;
        private boolean blocking;
        private Framing framing = Framing.MESSAGE;
        private Codec codec;
        private long maxMessageSize = AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE;
        private int rawReadSize = 8 * 1024;
        private int maxConnections = AsyncSocketServer.DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = Duration.ZERO;
        private Duration shutdownGracePeriod = AsyncSocketServer.DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private SendQueueLimits sendQueueLimits = SendQueueLimits.DEFAULT;
        private TlsServerConfig tls;
        private ProxyProtocolSettings proxyProtocol = ProxyProtocolSettings.DISABLED;
        private AdmissionSettings admission = AdmissionSettings.NONE;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** TCP (the default) or UDP. */
        public Builder protocol(Protocol value) {
            this.protocol = Objects.requireNonNull(value, "protocol");
            return this;
        }

        /** The address to bind; {@code null} (the default) for every interface. */
        public Builder address(InetAddress value) {
            this.address = value;
            return this;
        }

        /** The port; 0 (the default) for any free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The accept queue length (default 128). */
        public Builder backlog(int value) {
            this.backlog = value;
            return this;
        }

        /** Platform threads instead of coroutines (default false). */
        public Builder blocking(boolean value) {
            this.blocking = value;
            return this;
        }

        /** The framing (default asyncoro's {@code send_msg} frames). */
        public Builder framing(Framing value) {
            this.framing = Objects.requireNonNull(value, "framing");
            return this;
        }

        /**
         * A codec framing messages instead of the {@link #framing(Framing) framing}; {@code null} (the default)
         * for none. Its decoders enforce their own maximum sizes.
         */
        public Builder codec(Codec value) {
            this.codec = value;
            return this;
        }

        /** The largest message in bytes (default 1 MiB). */
        public Builder maxMessageSize(long value) {
            this.maxMessageSize = value;
            return this;
        }

        /** The largest raw read in bytes (default 8 KiB). */
        public Builder rawReadSize(int value) {
            this.rawReadSize = value;
            return this;
        }

        /** The connection limit (default 10,000). */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /** The idle timeout (default none). */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = Objects.requireNonNull(value, "idleTimeout");
            return this;
        }

        /** The stop's grace period (default 30 s). */
        public Builder shutdownGracePeriod(Duration value) {
            this.shutdownGracePeriod = Objects.requireNonNull(value, "shutdownGracePeriod");
            return this;
        }

        /** The per-connection send queue limits (default {@link SendQueueLimits#DEFAULT}: 1 MiB hard, 256 KiB soft for 10 s). */
        public Builder sendQueueLimits(SendQueueLimits value) {
            this.sendQueueLimits = Objects.requireNonNull(value, "sendQueueLimits");
            return this;
        }

        /** TLS; {@code null} (the default) for plain TCP. */
        public Builder tls(TlsServerConfig value) {
            this.tls = value;
            return this;
        }

        /** PROXY protocol (default {@link ProxyProtocolSettings#DISABLED}). */
        public Builder proxyProtocol(ProxyProtocolSettings value) {
            this.proxyProtocol = Objects.requireNonNull(value, "proxyProtocol");
            return this;
        }

        /** Admission control and directional idle timeouts (default {@link AdmissionSettings#NONE}). */
        public Builder admission(AdmissionSettings value) {
            this.admission = Objects.requireNonNull(value, "admission");
            return this;
        }

        /** The settings. */
        public SocketServerSettings build() {
            return new SocketServerSettings(this);
        }
    }
}
