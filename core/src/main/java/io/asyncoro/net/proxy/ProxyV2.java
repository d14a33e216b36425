package io.asyncoro.net.proxy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import io.asyncoro.net.InetLiteral;

/**
 * The binary header, version 2: a 12-byte signature, a version/command byte, a family/protocol byte, a
 * 2-byte big-endian length, then that many bytes of addresses and TLVs.
 */
final class ProxyV2 {

    /** The signature, the version/command byte, the family/protocol byte and the length. */
    static final int FIXED_LENGTH = 16;

    /** See {@link ProxyProtocolDecoder#MAX_HEADER_LENGTH}. */
    static final int MAX_LENGTH = 536;

    private static final byte[] SIGNATURE = {
            0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

    private static final int AF_UNSPEC = 0x0;
    private static final int AF_INET = 0x1;
    private static final int AF_INET6 = 0x2;
    private static final int AF_UNIX = 0x3;
    private static final int PROTOCOL_UNSPEC = 0x0;
    private static final int PROTOCOL_DGRAM = 0x2;

    /** Address block sizes: two addresses, then two ports for IP. */
    private static final int INET_BLOCK = 2 * 4 + 2 * 2;
    private static final int INET6_BLOCK = 2 * 16 + 2 * 2;
    private static final int UNIX_BLOCK = 2 * 108;

    private static final int TLV_HEADER = 3;
    private static final int TLV_CRC32C = 0x03;

    private ProxyV2() {
    }

    /** See {@link ProxyProtocolDecoder#decode}; {@code in} starts with CR. */
    static ProxyHeader decode(ByteBuffer in) throws ProxyProtocolException {
        int start = in.position();
        int avail = in.remaining();
        for (int i = 0; i < Math.min(avail, SIGNATURE.length); i++) {
            if (in.get(start + i) != SIGNATURE[i]) {
                throw new ProxyProtocolException("not a PROXY protocol header");
            }
        }
        // Each check runs as soon as its byte is there, so a bad header is dropped without waiting for more.
        ProxyCommand command = avail > 12 ? command(u8(in, start + 12)) : null;
        if (avail > 13 && command == ProxyCommand.PROXY) {
            checkFamily(u8(in, start + 13));
        }
        if (avail < FIXED_LENGTH) {
            return null;
        }
        int total = FIXED_LENGTH + u16(in, start + 14);
        if (total > MAX_LENGTH) {
            throw new ProxyProtocolException(
                    "PROXY v2 header of " + total + " bytes exceeds the " + MAX_LENGTH + "-byte limit");
        }
        if (avail < total) {
            return null;
        }
        ProxyHeader header = command == ProxyCommand.LOCAL
                // LOCAL: the spec says to ignore the block, family included, and keep the real endpoints.
                ? ProxyHeader.unknown(2, ProxyCommand.LOCAL)
                : proxied(in, start, u8(in, start + 13), total);
        in.position(start + total);
        return header;
    }

    /** How many more bytes can be read without passing the end of the header. */
    static int readAhead(ByteBuffer in) {
        int have = in.remaining();
        if (have < FIXED_LENGTH) {
            return FIXED_LENGTH - have;
        }
        return FIXED_LENGTH + u16(in, in.position() + 14) - have;
    }

    private static ProxyCommand command(int versionCommand) throws ProxyProtocolException {
        if (versionCommand >>> 4 != 2) {
            throw new ProxyProtocolException("unsupported PROXY protocol version");
        }
        return switch (versionCommand & 0xF) {
            case 0x0 -> ProxyCommand.LOCAL;
            case 0x1 -> ProxyCommand.PROXY;
            default -> throw new ProxyProtocolException("unsupported PROXY v2 command");
        };
    }

    private static void checkFamily(int familyProtocol) throws ProxyProtocolException {
        if (familyProtocol >>> 4 > AF_UNIX || (familyProtocol & 0xF) > PROTOCOL_DGRAM) {
            throw new ProxyProtocolException("unsupported PROXY v2 address family or protocol");
        }
    }

    /** The addresses of a PROXY command, after checking the TLVs behind them. */
    private static ProxyHeader proxied(ByteBuffer in, int start, int familyProtocol, int total)
            throws ProxyProtocolException {
        int family = familyProtocol >>> 4;
        int length = total - FIXED_LENGTH;
        // UNSPEC family or protocol: the spec says to ignore the address block, whose layout is then unknown.
        if (family == AF_UNSPEC || (familyProtocol & 0xF) == PROTOCOL_UNSPEC) {
            return ProxyHeader.unknown(2, ProxyCommand.PROXY);
        }
        int block = switch (family) {
            case AF_INET -> INET_BLOCK;
            case AF_INET6 -> INET6_BLOCK;
            default -> UNIX_BLOCK;
        };
        if (length < block) {
            throw new ProxyProtocolException("PROXY v2 header: address block too short for its family");
        }
        int addresses = start + FIXED_LENGTH;
        checkTlvs(in, start, addresses + block, start + total);
        if (family == AF_UNIX) {
            // Socket paths mean nothing to a TCP server: keep the connection's own addresses.
            return ProxyHeader.unknown(2, ProxyCommand.PROXY);
        }
        int size = family == AF_INET ? 4 : 16;
        byte[] source = new byte[size];
        byte[] destination = new byte[size];
        in.get(addresses, source);
        in.get(addresses + size, destination);
        int ports = addresses + 2 * size;
        return new ProxyHeader(2, ProxyCommand.PROXY,
                new InetSocketAddress(InetLiteral.toAddress(source), u16(in, ports)),
                new InetSocketAddress(InetLiteral.toAddress(destination), u16(in, ports + 2)));
    }

    /**
     * Walks the TLVs in {@code [from, end)}: each must fit, and a CRC32C TLV must match. Their values are
     * otherwise skipped; the walk is bounded by the header length, which is itself capped.
     */
    private static void checkTlvs(ByteBuffer in, int start, int from, int end) throws ProxyProtocolException {
        int at = from;
        while (at < end) {
            if (end - at < TLV_HEADER) {
                throw new ProxyProtocolException("PROXY v2 header: truncated TLV");
            }
            int type = u8(in, at);
            int length = u16(in, at + 1);
            if (length > end - at - TLV_HEADER) {
                throw new ProxyProtocolException("PROXY v2 header: TLV longer than the header");
            }
            if (type == TLV_CRC32C) {
                checkCrc32c(in, start, end, at + TLV_HEADER, length);
            }
            at += TLV_HEADER + length;
        }
    }

    /** The spec's check: CRC32C of the whole header with the checksum field zeroed. */
    private static void checkCrc32c(ByteBuffer in, int start, int end, int field, int length)
            throws ProxyProtocolException {
        if (length != 4) {
            throw new ProxyProtocolException("PROXY v2 header: CRC32C TLV must hold 4 bytes");
        }
        CRC32C crc = new CRC32C();
        ByteBuffer view = in.duplicate();
        view.limit(field).position(start);
        crc.update(view);
        crc.update(new byte[4]);
        view.limit(end).position(field + 4);
        crc.update(view);
        long expected = (long) u16(in, field) << 16 | u16(in, field + 2);
        if (crc.getValue() != expected) {
            throw new ProxyProtocolException("PROXY v2 header: CRC32C mismatch");
        }
    }

    private static int u8(ByteBuffer in, int index) {
        return in.get(index) & 0xFF;
    }

    /** Big-endian whatever the buffer's byte order. */
    private static int u16(ByteBuffer in, int index) {
        return u8(in, index) << 8 | u8(in, index + 1);
    }
}
