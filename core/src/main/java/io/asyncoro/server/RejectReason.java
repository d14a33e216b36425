package io.asyncoro.server;

/** Why a connection was refused or dropped by the server, as the {@code reason} tag names it. */
public enum RejectReason {

    /** The server already had {@code max-connections} open. */
    MAX_CONNECTIONS("max-connections"),

    /** The connection's outbound queue overflowed: its peer does not read fast enough. */
    SLOW_CONSUMER("slow-consumer"),

    /** The TLS handshake failed or timed out. */
    TLS("tls"),

    /** The server was stopping. */
    SHUTDOWN("shutdown");

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    /** The tag value, for example {@code max-connections}. */
    public String tag() {
        return tag;
    }
}
