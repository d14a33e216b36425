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
    SHUTDOWN("shutdown"),

    /**
     * The PROXY protocol header was missing, malformed, oversized, cut short or too slow (only on servers that
     * expect one).
     */
    PROXY_PROTOCOL("proxy-protocol"),

    /** The connection came from outside the trusted proxies of a server that expects a PROXY protocol header. */
    UNTRUSTED_PROXY("untrusted-proxy"),

    /** The client's address is denied, or not allowed, by the server's {@link AddressFilter}. */
    ADDRESS("address"),

    /** The client's address already had the most connections {@link AdmissionControl} allows it. */
    PER_ADDRESS("per-address");

    /** The reason for {@code refusal}. */
    static RejectReason of(AdmissionRefusal refusal) {
        return switch (refusal) {
            case ADDRESS_NOT_ALLOWED -> ADDRESS;
            case TOO_MANY_FROM_ADDRESS -> PER_ADDRESS;
        };
    }

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    /** The tag value, for example {@code max-connections}. */
    public String tag() {
        return tag;
    }
}
