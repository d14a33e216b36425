package io.asyncoro.net.proxy;

import java.nio.ByteBuffer;

/**
 * Decodes a PROXY protocol header (HAProxy's {@code doc/proxy-protocol.txt}, versions 1 and 2) from the
 * start of a connection's bytes.
 *
 * <p>Incremental and stateless: call {@link #decode} each time more bytes have arrived. It returns
 * {@code null} and leaves the position alone while the header is incomplete, and on success advances the
 * position exactly past the header, so what follows it (a TLS ClientHello, say) stays for the next layer.
 * It throws as soon as the bytes seen so far cannot start a valid header, without waiting for more.
 *
 * <p>Sizes: a v1 line is at most {@value #V1_MAX_LENGTH} bytes, the spec's bound; a v2 header at most
 * {@value #MAX_HEADER_LENGTH} bytes, rejected as soon as its 16-byte fixed part announces more. The spec
 * designs both formats to fit in 536 bytes, the smallest TCP segment every host must accept (576 - 40), so
 * that a sender can emit the header in one segment; it is room for the largest address block (AF_UNIX, 216
 * bytes) plus 304 bytes of TLVs (AWS and GCP identifiers, ALPN, authority, unique ID). A bigger header, such
 * as one carrying a client certificate TLV, is refused rather than buffered: a receiver holding bytes for a
 * not-yet-trusted peer should hold few.
 *
 * <p>Per the spec, the receiver must be configured to expect the header: this decoder never guesses, and
 * bytes that do not start with a header are an error, not plain traffic.
 */
public final class ProxyProtocolDecoder {

    /** The longest v1 line, CRLF included. */
    public static final int V1_MAX_LENGTH = ProxyV1.MAX_LENGTH;

    /** The longest header accepted, v2 fixed part, addresses and TLVs together. */
    public static final int MAX_HEADER_LENGTH = ProxyV2.MAX_LENGTH;

    private ProxyProtocolDecoder() {
    }

    /**
     * Decodes the header at {@code in}'s position ({@code in} in read mode, any byte order).
     *
     * @return the header, with {@code in} advanced past it; or {@code null} when more bytes are needed, with
     *         {@code in} untouched
     * @throws ProxyProtocolException when the bytes are not, or cannot become, a valid header; the
     *         connection must then be dropped
     */
    public static ProxyHeader decode(ByteBuffer in) throws ProxyProtocolException {
        if (!in.hasRemaining()) {
            return null;
        }
        return switch (in.get(in.position())) {
            case 'P' -> ProxyV1.decode(in);
            case 0x0D -> ProxyV2.decode(in);
            default -> throw new ProxyProtocolException("not a PROXY protocol header");
        };
    }

    /**
     * For stream readers that must not consume bytes past the header: how many more bytes may be read,
     * given that {@link #decode} just returned {@code null} for {@code in}. At least 1.
     */
    static int readAhead(ByteBuffer in) {
        if (!in.hasRemaining()) {
            // One byte tells the versions apart, and rejects most garbage straight away.
            return 1;
        }
        return in.get(in.position()) == 'P' ? ProxyV1.readAhead(in) : ProxyV2.readAhead(in);
    }
}
