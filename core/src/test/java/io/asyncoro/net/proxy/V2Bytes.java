package io.asyncoro.net.proxy;

import java.io.ByteArrayOutputStream;

import io.asyncoro.testsupport.ProxyHeaders;

/** Builds PROXY v2 headers byte by byte for tests, as the spec lays them out. */
final class V2Bytes {

    static final byte[] SIGNATURE = {
            0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

    /**
     * The AWS Network Load Balancer header that elastic-load-balancing-tools and libproxyprotocol test
     * against: TCP over IPv4, 172.31.7.113:51442 to 172.31.10.31:80, then a CRC32C TLV, an AWS VPC
     * endpoint TLV (0xEA) and a NOOP TLV padding it to 100 bytes. A real sender's CRC, not one computed here.
     */
    static byte[] awsNlb() {
        return concat(bytes(
                0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a,
                0x21, 0x11, 0x00, 0x54,
                0xac, 0x1f, 0x07, 0x71, 0xac, 0x1f, 0x0a, 0x1f, 0xc8, 0xf2, 0x00, 0x50,
                0x03, 0x00, 0x04, 0xe8, 0xd6, 0x89, 0x2d,
                0xea, 0x00, 0x17, 0x01, 0x76, 0x70, 0x63, 0x65, 0x2d, 0x30, 0x38, 0x64, 0x32, 0x62, 0x66, 0x31,
                0x35, 0x66, 0x61, 0x63, 0x35, 0x30, 0x30, 0x31, 0x63, 0x39,
                0x04, 0x00, 0x24), new byte[0x24]);
    }

    private V2Bytes() {
    }

    /** A header: signature, the two type bytes, the body's length, the body. */
    static byte[] header(int versionCommand, int familyProtocol, byte[] body) {
        return ProxyHeaders.v2(versionCommand, familyProtocol, body);
    }

    /** One TLV. */
    static byte[] tlv(int type, byte[] value) {
        return concat(bytes(type, value.length >>> 8, value.length & 0xFF), value);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
