package io.asyncoro.server;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.net.InetLiteral;

/**
 * Decides at accept time whether a client may connect: its address must pass an {@link AddressFilter}, and
 * it may hold at most a given number of connections at once.
 *
 * <pre>{@code
 * Admission admission = control.admit(clientAddress);
 * if (!admission.isAdmitted()) { close the socket, count admission.refusal(); return; }
 * try { serve } finally { admission.close(); }
 * }</pre>
 *
 * <p>Counts are kept per address only while the address has open connections: the entry goes when its last
 * connection is released, so a scan from many addresses leaves nothing behind. IPv4-mapped IPv6 addresses
 * count as their IPv4 address. Since one IPv6 host usually owns a whole /64, IPv6 addresses can be counted
 * per network of a given prefix instead of one by one ({@link #of(AddressFilter, int, int)}).
 *
 * <p>Thread-safe: the check and the increment are one atomic step per address, so concurrent accepts
 * cannot overshoot the limit.
 */
public final class AdmissionControl {

    /** No per-address limit. */
    public static final int UNLIMITED = 0;

    private final AddressFilter filter;
    private final int maxPerAddress;
    private final int ipv6Prefix;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    private AdmissionControl(AddressFilter filter, int maxPerAddress, int ipv6Prefix) {
        this.filter = Objects.requireNonNull(filter, "filter");
        if (maxPerAddress < 0) {
            throw new IllegalArgumentException("maxPerAddress must not be negative: " + maxPerAddress);
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be 0..128: " + ipv6Prefix);
        }
        this.maxPerAddress = maxPerAddress;
        this.ipv6Prefix = ipv6Prefix;
    }

    /**
     * Filters with {@code filter} and allows {@code maxPerAddress} open connections per address
     * ({@link #UNLIMITED} for no limit).
     */
    public static AdmissionControl of(AddressFilter filter, int maxPerAddress) {
        return new AdmissionControl(filter, maxPerAddress, 128);
    }

    /** As {@link #of(AddressFilter, int)}, but IPv6 clients share a count per /{@code ipv6Prefix} network. */
    public static AdmissionControl of(AddressFilter filter, int maxPerAddress, int ipv6Prefix) {
        return new AdmissionControl(filter, maxPerAddress, ipv6Prefix);
    }

    /**
     * Admits or refuses a client. An admitted connection holds its slot until {@link Admission#close()}.
     *
     * @param client the client's address: the socket's peer, or the PROXY protocol source behind a proxy
     */
    public Admission admit(InetAddress client) {
        if (!filter.permits(client)) {
            return Admission.refused(AdmissionRefusal.ADDRESS_NOT_ALLOWED);
        }
        if (maxPerAddress == UNLIMITED) {
            return Admission.admitted(() -> { });
        }
        InetAddress key = key(client);
        boolean[] admitted = new boolean[1];
        // compute() runs atomically per key: the limit check and the increment cannot interleave.
        open.compute(key, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            return Admission.refused(AdmissionRefusal.TOO_MANY_FROM_ADDRESS);
        }
        return Admission.admitted(() -> release(key));
    }

    private void release(InetAddress key) {
        // Returning null removes the entry, so idle addresses cost nothing.
        open.computeIfPresent(key, (address, count) -> count > 1 ? count - 1 : null);
    }

    /** How many admitted connections from {@code client} (or its IPv6 network) are open. */
    public int openFrom(InetAddress client) {
        return open.getOrDefault(key(client), 0);
    }

    /** How many addresses (or IPv6 networks) have open connections; for metrics and leak checks. */
    public int trackedAddresses() {
        return open.size();
    }

    /** The filter applied first. */
    public AddressFilter filter() {
        return filter;
    }

    /** The per-address limit, or {@link #UNLIMITED}. */
    public int maxPerAddress() {
        return maxPerAddress;
    }

    /** The address a client is counted under: IPv4 as is, IPv6 masked to the configured prefix. */
    private InetAddress key(InetAddress client) {
        byte[] bytes = InetLiteral.unmappedBytes(client);
        if (bytes.length == 4) {
            // A fresh Inet4Address: no host name, and a mapped client becomes the same key as its IPv4 self.
            return InetLiteral.toAddress(bytes);
        }
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            bytes[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        // A fresh address without scope or host name, so equal networks are equal keys.
        return InetLiteral.toAddress(bytes);
    }

    @Override
    public String toString() {
        return "AdmissionControl[" + filter + ", maxPerAddress=" + maxPerAddress + ", ipv6Prefix=" + ipv6Prefix
                + ", tracked=" + open.size() + "]";
    }
}
