package io.asyncoro.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Strict parsing of textual IP addresses, never a name lookup.
 *
 * <p>{@link InetAddress#getByName} would resolve anything that is not a literal through DNS, and it accepts
 * forms such as {@code 010.1.1.1} whose meaning differs between parsers (octal or decimal). Address rules
 * and PROXY protocol lines need neither, so this accepts only:
 * <ul>
 * <li>IPv4: four decimal numbers 0..255 separated by single dots, with no leading zeros;</li>
 * <li>IPv6: eight groups of one to four hex digits, at most one {@code ::} standing for one or more zero
 * groups, and optionally a dotted IPv4 address as the last 32 bits ({@code ::ffff:192.0.2.1}). No zone
 * ({@code %eth0}) and no brackets.</li>
 * </ul>
 * Error messages never repeat the input: callers may be parsing bytes from an untrusted peer, and they
 * know better than this class what context (an entry name, a header) to add.
 */
public final class InetLiteral {

    private InetLiteral() {
    }

    /** Parses an IPv4 or IPv6 literal; an IPv4-mapped IPv6 literal yields an {@code Inet4Address}. */
    public static InetAddress parse(String text) {
        return toAddress(text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text));
    }

    /** The four bytes of a dotted-quad IPv4 literal. */
    public static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        if (!parseIpv4Into(text, out, 0)) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        return out;
    }

    /** The sixteen bytes of an IPv6 literal. */
    public static byte[] parseIpv6(String text) {
        // At most one "::"; a second one (or ":::") makes the position of the zero run ambiguous.
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("not an IPv6 address: more than one '::'");
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = groups(text, head, true);
            if (headCount != 8) {
                throw new IllegalArgumentException("not an IPv6 address: it must have 128 bits");
            }
        }
        else {
            headCount = groups(text.substring(0, gap), head, false);
            tailCount = groups(text.substring(gap + 2), tail, true);
            if (headCount + tailCount > 7) {
                throw new IllegalArgumentException("not an IPv6 address: '::' must stand for at least one group");
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headCount; i++) {
            putGroup(out, i, head[i]);
        }
        for (int i = 0; i < tailCount; i++) {
            putGroup(out, 8 - tailCount + i, tail[i]);
        }
        return out;
    }

    /**
     * An address of these bytes (4 or 16), without any lookup. Sixteen bytes of an IPv4-mapped address give
     * an {@code Inet4Address}, as everywhere else in the JDK.
     */
    public static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException ex) {
            // Only thrown for a length other than 4 or 16, which the callers never pass.
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, ex);
        }
    }

    /**
     * Whether these 16 bytes are an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), the form a dual-stack
     * socket may report an IPv4 peer in.
     */
    public static boolean isIpv4Mapped(byte[] sixteen) {
        if (sixteen.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (sixteen[i] != 0) {
                return false;
            }
        }
        return sixteen[10] == (byte) 0xFF && sixteen[11] == (byte) 0xFF;
    }

    /** The bytes of {@code address}, the four IPv4 bytes for an IPv4-mapped IPv6 address. */
    public static byte[] unmappedBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        return isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    /**
     * The 16-bit groups of one side of an IPv6 literal into {@code out}; returns how many. A dotted IPv4
     * address may end the last side and counts as two groups.
     */
    private static int groups(String part, int[] out, boolean last) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] tokens = part.split(":", -1);
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            if (last && t == tokens.length - 1 && token.indexOf('.') >= 0) {
                byte[] v4 = new byte[4];
                if (count > 6 || !parseIpv4Into(token, v4, 0)) {
                    throw new IllegalArgumentException("not an IPv6 address: bad embedded IPv4 part");
                }
                out[count++] = (v4[0] & 0xFF) << 8 | v4[1] & 0xFF;
                out[count++] = (v4[2] & 0xFF) << 8 | v4[3] & 0xFF;
                continue;
            }
            if (count == 8) {
                throw new IllegalArgumentException("not an IPv6 address: more than eight groups");
            }
            out[count++] = hexGroup(token);
        }
        return count;
    }

    private static int hexGroup(String token) {
        if (token.isEmpty() || token.length() > 4) {
            throw new IllegalArgumentException("not an IPv6 address: a group has one to four hex digits");
        }
        int value = 0;
        for (int i = 0; i < token.length(); i++) {
            int digit = Character.digit(token.charAt(i), 16);
            // Character.digit also accepts non-ASCII digits; the wire format and configs are ASCII only.
            if (digit < 0 || token.charAt(i) > 'f') {
                throw new IllegalArgumentException("not an IPv6 address: a group has one to four hex digits");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static void putGroup(byte[] out, int index, int group) {
        out[2 * index] = (byte) (group >>> 8);
        out[2 * index + 1] = (byte) group;
    }

    private static boolean parseIpv4Into(String text, byte[] out, int offset) {
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                // An empty part, or a leading zero ("010" means 8 to some parsers and 10 to others).
                if (digits == 0 || part == 4 || digits > 1 && text.charAt(i - digits) == '0') {
                    return false;
                }
                out[offset + part++] = (byte) value;
                value = 0;
                digits = 0;
            }
            else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            }
            else {
                return false;
            }
        }
        return part == 4;
    }
}
