package io.asyncoro.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Version 1 lines, from the examples and limits in HAProxy's proxy-protocol.txt. */
class ProxyV1DecodeTest {

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void specExampleLeavesTheHttpRequestBehindIt() throws Exception {
        ByteBuffer in = ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\n");
        ProxyHeader header = ProxyProtocolDecoder.decode(in);
        assertThat(header).isEqualTo(new ProxyHeader(1, ProxyCommand.PROXY,
                at("192.168.0.1", 56324), at("192.168.0.11", 443)));
        assertThat(StandardCharsets.US_ASCII.decode(in).toString()).isEqualTo("GET / HTTP/1.1\r\n");
    }

    @Test
    void longestTcp4Line() throws Exception {
        String line = "PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n";
        assertThat(line).hasSize(56);
        ByteBuffer in = ascii(line);
        ProxyHeader header = ProxyProtocolDecoder.decode(in);
        assertThat(header.source()).isEqualTo(at("255.255.255.255", 65535));
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void longestTcp6Line() throws Exception {
        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        String line = "PROXY TCP6 " + full + " " + full + " 65535 65535\r\n";
        assertThat(line).hasSize(104);
        ProxyHeader header = ProxyProtocolDecoder.decode(ascii(line));
        assertThat(header.source()).isEqualTo(at(full, 65535));
        assertThat(header.destination()).isEqualTo(at(full, 65535));
    }

    @Test
    void compressedAndMappedTcp6Addresses() throws Exception {
        ProxyHeader header = ProxyProtocolDecoder.decode(ascii("PROXY TCP6 2001:db8::1 ::ffff:192.0.2.7 0 8443\r\n"));
        assertThat(header.source()).isEqualTo(at("2001:db8::1", 0));
        // inet_ntop writes an IPv4 client of a dual-stack proxy this way; it is that IPv4 address.
        assertThat(header.destination()).isEqualTo(at("192.0.2.7", 8443));
    }

    @Test
    void unknownShortAndLongestLinesKeepTheConnectionsAddresses() throws Exception {
        ProxyHeader shortForm = ProxyProtocolDecoder.decode(ascii("PROXY UNKNOWN\r\n"));
        assertThat(shortForm).isEqualTo(ProxyHeader.unknown(1, ProxyCommand.PROXY));
        assertThat(shortForm.hasAddresses()).isFalse();

        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        String worst = "PROXY UNKNOWN " + full + " " + full + " 65535 65535\r\n";
        assertThat(worst).hasSize(ProxyProtocolDecoder.V1_MAX_LENGTH);
        ByteBuffer in = ascii(worst + "next");
        assertThat(ProxyProtocolDecoder.decode(in).hasAddresses()).isFalse();
        assertThat(in.remaining()).isEqualTo(4);
    }

    @Test
    void noCrlfWithin107BytesIsRejectedAndFewerIsIncomplete() throws Exception {
        String start = "PROXY UNKNOWN ";
        String padding = "f".repeat(ProxyProtocolDecoder.V1_MAX_LENGTH - start.length());
        assertThat(ProxyProtocolDecoder.decode(ascii(start + padding.substring(1)))).isNull();
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii(start + padding)))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("no CRLF within 107 bytes");
        // A CRLF that would end the line at byte 108 is one byte too late.
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii(start + padding.substring(1) + "\r\n")))
                .isInstanceOf(ProxyProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",              // bare LF
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX",             // CR without LF
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n",           // trailing space
            "PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n",           // two spaces
            "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",              // missing port
            "PROXY TCP4 01.2.3.4 5.6.7.8 1 2\r\n",           // leading zero, octal to some parsers
            "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n",
            "PROXY TCP4 ::1 5.6.7.8 1 2\r\n",                // family does not match TCP4
            "PROXY TCP6 1.2.3.4 ::1 1 2\r\n",                // nor TCP6
            "PROXY TCP6 ::1%eth0 ::1 1 2\r\n",               // zones are not addresses on the wire
            "PROXY TCP6 1::2::3 ::1 1 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 080 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n",
            "PROXY TCP4 localhost 5.6.7.8 1 2\r\n",          // never a name lookup
            "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n",
            "PROXY UNKNOWNX\r\n",
            "PROXY \r\n",
            "PROXY\r\n",
            "proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u00e9\r\n",     // not US-ASCII
            "PROXY TCP4 1.2.3.4\t5.6.7.8 1 2\r\n" })
    void malformedLinesAreRejected(String line) {
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii(line)))
                .isInstanceOf(ProxyProtocolException.class);
    }

    @Test
    void badBytesAreRejectedBeforeTheLineEnds() {
        // No need to wait for a CRLF that a confused client will never send.
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii("PROXY TCP4 1.2\u0000")))
                .isInstanceOf(ProxyProtocolException.class);
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii("POST")))
                .isInstanceOf(ProxyProtocolException.class).hasMessage("not a PROXY protocol header");
    }

    @Test
    void errorsDoNotEchoThePeersBytes() {
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ascii("PROXY TCP4 secret-token 5.6.7.8 1 2\r\n")))
                .isInstanceOf(ProxyProtocolException.class)
                .hasMessageNotContaining("secret").hasMessageContaining("bad source address");
    }
}
