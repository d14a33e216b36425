package io.asyncoro.server;

/** Why {@link AdmissionControl} turned a connection away. */
public enum AdmissionRefusal {

    /** The client's address is denied, or not in a non-empty allow list, by the {@link AddressFilter}. */
    ADDRESS_NOT_ALLOWED("address-not-allowed"),

    /** The client's address (or IPv6 network) already has the maximum number of open connections. */
    TOO_MANY_FROM_ADDRESS("max-connections-per-address");

    private final String tag;

    AdmissionRefusal(String tag) {
        this.tag = tag;
    }

    /** A short tag for metrics and logs, for example {@code max-connections-per-address}. */
    public String tag() {
        return tag;
    }
}
