package io.asyncoro.spring.boot.autoconfigure;

import java.util.regex.Pattern;

/**
 * Checks the syntax of an {@code allow}/{@code deny} entry: an IP address literal, optionally followed by
 * {@code /prefix-length}. Only syntax: never resolves a name, so a typo cannot turn into a DNS lookup, and the
 * ranges themselves are core's to match.
 */
final class CidrNotation {

    private static final Pattern IPV4 = Pattern
        .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private CidrNotation() {
    }

    /** Whether {@code entry} is an address or a CIDR range, IPv4 or IPv6. */
    static boolean isValid(String entry) {
        if (entry == null || entry.isBlank()) {
            return false;
        }
        String text = entry.strip();
        int slash = text.indexOf('/');
        String address = (slash < 0) ? text : text.substring(0, slash);
        int maxPrefix;
        if (IPV4.matcher(address).matches()) {
            maxPrefix = 32;
        }
        else if (address.contains(":") && IPV6.matcher(address).matches() && isIpv6Literal(address)) {
            maxPrefix = 128;
        }
        else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = text.substring(slash + 1);
        return PREFIX.matcher(prefix).matches() && Integer.parseInt(prefix) <= maxPrefix;
    }

    private static boolean isIpv6Literal(String address) {
        try {
            // A bracketed literal is parsed, never looked up (an IPv4-mapped one comes back as IPv4: fine).
            return java.net.InetAddress.getByName("[" + address + "]") != null;
        }
        catch (java.net.UnknownHostException ex) {
            return false;
        }
    }
}
