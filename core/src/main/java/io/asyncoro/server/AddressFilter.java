package io.asyncoro.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.asyncoro.net.CidrRange;

/**
 * Which client addresses a server accepts: an allow list and a deny list of {@link CidrRange}s.
 *
 * <p>An address is permitted when it matches no deny range and either the allow list is empty (everyone)
 * or it matches an allow range. Deny wins, so a broad allow with a narrow deny carves out a hole:
 * {@code allow 10.0.0.0/8, deny 10.6.6.0/24}. IPv4-mapped IPv6 addresses are matched as IPv4 (see
 * {@link CidrRange}).
 */
public final class AddressFilter {

    private static final AddressFilter ALLOW_ALL = new AddressFilter(List.of(), List.of());

    private final List<CidrRange> allow;
    private final List<CidrRange> deny;

    private AddressFilter(List<CidrRange> allow, List<CidrRange> deny) {
        this.allow = allow;
        this.deny = deny;
    }

    /** The filter that permits every address. */
    public static AddressFilter allowAll() {
        return ALLOW_ALL;
    }

    /** A filter of already parsed ranges. */
    public static AddressFilter of(Collection<CidrRange> allow, Collection<CidrRange> deny) {
        return new AddressFilter(List.copyOf(allow), List.copyOf(deny));
    }

    /**
     * Parses both lists (entries as {@link CidrRange#parse} takes them).
     *
     * @throws IllegalArgumentException naming every bad entry, with its list and position, so a whole
     *         configuration can be fixed in one go
     */
    public static AddressFilter parse(Collection<String> allow, Collection<String> deny) {
        List<String> errors = new ArrayList<>();
        List<CidrRange> allowRanges = parseAll("allow", allow, errors);
        List<CidrRange> denyRanges = parseAll("deny", deny, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new AddressFilter(List.copyOf(allowRanges), List.copyOf(denyRanges));
    }

    private static List<CidrRange> parseAll(String list, Collection<String> entries, List<String> errors) {
        List<CidrRange> ranges = new ArrayList<>(entries.size());
        int index = 0;
        for (String entry : entries) {
            if (entry == null) {
                errors.add(list + "[" + index + "]: missing entry");
            }
            else {
                try {
                    ranges.add(CidrRange.parse(entry));
                }
                catch (IllegalArgumentException ex) {
                    errors.add(list + "[" + index + "]: " + ex.getMessage());
                }
            }
            index++;
        }
        return ranges;
    }

    /** Whether a client at {@code address} may connect. */
    public boolean permits(InetAddress address) {
        for (CidrRange range : deny) {
            if (range.contains(address)) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        for (CidrRange range : allow) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The allow ranges; empty means every address not denied. */
    public List<CidrRange> allow() {
        return allow;
    }

    /** The deny ranges; they win over the allow ranges. */
    public List<CidrRange> deny() {
        return deny;
    }

    @Override
    public String toString() {
        return "AddressFilter[allow=" + allow + ", deny=" + deny + "]";
    }
}
