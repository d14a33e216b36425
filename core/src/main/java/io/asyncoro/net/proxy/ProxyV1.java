package io.asyncoro.net.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.asyncoro.net.InetLiteral;

/**
 * The text header, version 1: {@code PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n}, or
 * {@code PROXY UNKNOWN ...\r\n}, at most 107 bytes including the CRLF.
 */
final class ProxyV1 {

    /** The longest line a receiver must accept, CRLF included: the spec's worst {@code UNKNOWN} case. */
    static final int MAX_LENGTH = 107;

    /** The shortest valid line, {@code PROXY UNKNOWN\r\n}: reading this many bytes never reads past one. */
    static final int MIN_LENGTH = 15;

    private static final byte[] PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

    private ProxyV1() {
    }

    /** See {@link ProxyProtocolDecoder#decode}; {@code in} starts with 'P'. */
    static ProxyHeader decode(ByteBuffer in) throws ProxyProtocolException {
        int start = in.position();
        int end = lineEnd(in, start, Math.min(in.remaining(), MAX_LENGTH));
        if (end < 0) {
            return null;
        }
        byte[] line = new byte[end];
        in.get(start, line);
        ProxyHeader header = parse(new String(line, StandardCharsets.US_ASCII));
        in.position(start + end + 2);
        return header;
    }

    /**
     * How many more bytes can be read without passing the end of any valid header, given that
     * {@link #decode} found the line incomplete: at least two (CR LF) after anything but a CR.
     */
    static int readAhead(ByteBuffer in) {
        int have = in.remaining();
        if (have < MIN_LENGTH) {
            return MIN_LENGTH - have;
        }
        return in.get(in.limit() - 1) == '\r' ? 1 : 2;
    }

    /**
     * The offset of the CR of the line's CRLF, or -1 when more bytes are needed. Rejects as early as the
     * bytes allow: a wrong prefix, a control or non-ASCII byte, a bare CR or LF, or no CRLF in 107 bytes.
     */
    private static int lineEnd(ByteBuffer in, int start, int avail) throws ProxyProtocolException {
        for (int i = 0; i < Math.min(avail, PREFIX.length); i++) {
            if (in.get(start + i) != PREFIX[i]) {
                throw new ProxyProtocolException("not a PROXY protocol header");
            }
        }
        for (int i = PREFIX.length; i < avail; i++) {
            byte b = in.get(start + i);
            if (b == '\r') {
                if (i + 1 == MAX_LENGTH) {
                    break;
                }
                if (i + 1 == avail) {
                    return -1;
                }
                if (in.get(start + i + 1) != '\n') {
                    throw new ProxyProtocolException("PROXY v1 header: CR not followed by LF");
                }
                return i;
            }
            if (b < 0x20 || b > 0x7E) {
                throw new ProxyProtocolException("PROXY v1 header: invalid character");
            }
        }
        if (avail == MAX_LENGTH) {
            throw new ProxyProtocolException("PROXY v1 header: no CRLF within " + MAX_LENGTH + " bytes");
        }
        return -1;
    }

    /** Parses the line without its CRLF. */
    private static ProxyHeader parse(String line) throws ProxyProtocolException {
        String[] fields = line.split(" ", -1);
        // The spec says to ignore whatever follows UNKNOWN, so it is not even split-checked.
        if (fields[1].equals("UNKNOWN")) {
            return ProxyHeader.unknown(1, ProxyCommand.PROXY);
        }
        boolean ipv4 = fields[1].equals("TCP4");
        if (!ipv4 && !fields[1].equals("TCP6")) {
            throw new ProxyProtocolException("PROXY v1 header: unsupported protocol");
        }
        if (fields.length != 6) {
            throw new ProxyProtocolException("PROXY v1 header: expected 6 fields separated by single spaces");
        }
        InetAddress source = address(fields[2], ipv4, "source");
        InetAddress destination = address(fields[3], ipv4, "destination");
        return new ProxyHeader(1, ProxyCommand.PROXY,
                new InetSocketAddress(source, port(fields[4], "source")),
                new InetSocketAddress(destination, port(fields[5], "destination")));
    }

    private static InetAddress address(String text, boolean ipv4, String which) throws ProxyProtocolException {
        try {
            // The family must match the protocol: TCP4 takes dotted quads only, TCP6 takes IPv6 text only.
            byte[] bytes = ipv4 ? InetLiteral.parseIpv4(text) : InetLiteral.parseIpv6(text);
            return InetLiteral.toAddress(bytes);
        }
        catch (IllegalArgumentException ex) {
            throw new ProxyProtocolException("PROXY v1 header: bad " + which + " address");
        }
    }

    private static int port(String text, String which) throws ProxyProtocolException {
        boolean wellFormed = !text.isEmpty() && text.length() <= 5
                && text.chars().allMatch(c -> c >= '0' && c <= '9')
                && (text.length() == 1 || text.charAt(0) != '0');
        int port = wellFormed ? Integer.parseInt(text) : -1;
        if (port < 0 || port > 0xFFFF) {
            throw new ProxyProtocolException("PROXY v1 header: bad " + which + " port");
        }
        return port;
    }
}
