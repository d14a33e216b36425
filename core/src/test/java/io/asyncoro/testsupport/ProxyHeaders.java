package io.asyncoro.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as a proxy writes them, for clients in tests. */
public final class ProxyHeaders {

    private static final byte[] V2_SIGNATURE = {
            0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

    private ProxyHeaders() {
    }

    /** A v1 line, {@code "PROXY " + rest + "\r\n"}. */
    public static byte[] v1(String rest) {
        return ("PROXY " + rest + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY header over TCP, IPv4 or IPv6 as the addresses are. */
    public static byte[] v2(InetSocketAddress source, InetSocketAddress destination) {
        byte[] src = source.getAddress().getAddress();
        byte[] dst = destination.getAddress().getAddress();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(src);
        body.writeBytes(dst);
        body.write(source.getPort() >>> 8);
        body.write(source.getPort());
        body.write(destination.getPort() >>> 8);
        body.write(destination.getPort());
        return v2(0x21, src.length == 4 ? 0x11 : 0x21, body.toByteArray());
    }

    /** A v2 LOCAL header, as a balancer's health check sends it. */
    public static byte[] v2Local() {
        return v2(0x20, 0x00, new byte[0]);
    }

    /** A v2 header with these type bytes and body (its length is written from the body). */
    public static byte[] v2(int versionCommand, int familyProtocol, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(versionCommand);
        out.write(familyProtocol);
        out.write(body.length >>> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The first 16 bytes of a v2 header that announces {@code length} bytes after them. */
    public static byte[] v2Announcing(int length) {
        byte[] head = v2(0x21, 0x11, new byte[0]);
        head[14] = (byte) (length >>> 8);
        head[15] = (byte) length;
        return head;
    }
}
