package io.asyncoro.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IP addresses in CIDR notation: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address
 * ({@code 192.0.2.7} is {@code 192.0.2.7/32}, {@code ::1} is {@code ::1/128}).
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}, which a dual-stack socket reports for an IPv4
 * client) are the IPv4 addresses they carry: they match IPv4 ranges, and a range written in mapped form
 * ({@code ::ffff:10.0.0.0/104}) is the IPv4 range {@code 10.0.0.0/8}. An IPv6 range such as {@code ::/0}
 * therefore never matches an IPv4 client; allowing everything takes {@code 0.0.0.0/0} and {@code ::/0}.
 *
 * <p>A range with bits set past its prefix ({@code 10.1.0.0/8}) is rejected rather than silently widened:
 * in an access rule it is more likely a typo than an intent.
 */
public final class CidrRange {

    private final byte[] network;
    private final int prefixLength;

    private CidrRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix} or a bare address (no name lookup).
     *
     * @throws IllegalArgumentException naming {@code text} and what is wrong with it
     */
    public static CidrRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes;
        try {
            bytes = addressPart.indexOf(':') >= 0
                    ? InetLiteral.parseIpv6(addressPart)
                    : InetLiteral.parseIpv4(addressPart);
        }
        catch (IllegalArgumentException ex) {
            throw invalid(text, ex.getMessage());
        }
        int bits = bytes.length * 8;
        int prefix = slash < 0 ? bits : parsePrefix(text, trimmed.substring(slash + 1), bits);
        try {
            return of(bytes, prefix);
        }
        catch (IllegalArgumentException ex) {
            throw invalid(text, ex.getMessage());
        }
    }

    /**
     * The range of {@code network} and {@code prefixLength}.
     *
     * @throws IllegalArgumentException if the prefix is out of range or {@code network} has host bits set
     */
    public static CidrRange of(InetAddress network, int prefixLength) {
        return of(network.getAddress(), prefixLength);
    }

    private static CidrRange of(byte[] bytes, int prefix) {
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length must be 0.." + bytes.length * 8);
        }
        // A mapped range with a prefix covering the whole ::ffff:0:0/96 marker is an IPv4 range.
        if (prefix >= 96 && InetLiteral.isIpv4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit >>> 3] & 0x80 >>> (bit & 7)) != 0) {
                throw new IllegalArgumentException("address has bits set past the /" + prefix + " prefix");
            }
        }
        return new CidrRange(bytes.clone(), prefix);
    }

    private static int parsePrefix(String text, String digits, int bits) {
        // Plain ASCII decimal without sign or leading zeros, so "/+8" and "/08" are errors, not 8.
        boolean wellFormed = !digits.isEmpty() && digits.length() <= 3
                && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0');
        if (!wellFormed) {
            throw invalid(text, "prefix length must be a number 0.." + bits);
        }
        return Integer.parseInt(digits);
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid address range \"" + text + "\": " + reason);
    }

    /** Whether {@code address} lies in this range; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress address) {
        byte[] bytes = InetLiteral.unmappedBytes(address);
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength >>> 3;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength & 7;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /** The first address of the range. */
    public InetAddress network() {
        return InetLiteral.toAddress(network.clone());
    }

    /** How many leading bits an address must share with {@link #network()}. */
    public int prefixLength() {
        return prefixLength;
    }

    /** Whether this is an IPv4 range (including one written in IPv4-mapped form). */
    public boolean isIpv4() {
        return network.length == 4;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRange range && prefixLength == range.prefixLength
                && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The range as {@code address/prefix}, for example {@code 10.0.0.0/8}. */
    @Override
    public String toString() {
        return network().getHostAddress() + "/" + prefixLength;
    }
}
