package io.asyncoro.net.proxy;

import static io.asyncoro.net.proxy.V2Bytes.bytes;
import static io.asyncoro.net.proxy.V2Bytes.concat;
import static io.asyncoro.net.proxy.V2Bytes.header;
import static io.asyncoro.net.proxy.V2Bytes.tlv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Version 2 headers as laid out in HAProxy's proxy-protocol.txt section 2.2. */
class ProxyV2DecodeTest {

    private static final byte[] TCP4_BODY = bytes(
            192, 0, 2, 1, 198, 51, 100, 2, 0xDB, 0xC4, 0x01, 0xBB);       // 192.0.2.1:56260 -> 198.51.100.2:443

    private static final byte[] TCP6_BODY = concat(
            bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
            bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
            bytes(0xFF, 0xFF, 0x00, 0x50));                                 // 65535 -> 80

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static ProxyHeader decode(byte[] bytes) throws ProxyProtocolException {
        return ProxyProtocolDecoder.decode(ByteBuffer.wrap(bytes));
    }

    @Test
    void tcp4WithoutTlvsStopsRightBeforeTheNextLayer() throws Exception {
        byte[] clientHello = bytes(0x16, 0x03, 0x01, 0x02, 0x00);
        ByteBuffer in = ByteBuffer.wrap(concat(header(0x21, 0x11, TCP4_BODY), clientHello));
        ProxyHeader header = ProxyProtocolDecoder.decode(in);
        assertThat(header).isEqualTo(new ProxyHeader(2, ProxyCommand.PROXY,
                at("192.0.2.1", 56260), at("198.51.100.2", 443)));
        assertThat(in.position()).isEqualTo(28);
        assertThat(in.remaining()).isEqualTo(clientHello.length);
    }

    @Test
    void tcp6WithTlvs() throws Exception {
        byte[] body = concat(TCP6_BODY, tlv(0x01, bytes('h', '2')), tlv(0x02, "example.com".getBytes()),
                tlv(0x04, new byte[0]));
        ProxyHeader header = decode(header(0x21, 0x21, body));
        assertThat(header.source()).isEqualTo(at("2001:db8::1", 65535));
        assertThat(header.destination()).isEqualTo(at("2001:db8::2", 80));
    }

    @Test
    void udpOverIpv4CarriesAddressesToo() throws Exception {
        assertThat(decode(header(0x21, 0x12, TCP4_BODY)).source()).isEqualTo(at("192.0.2.1", 56260));
    }

    @Test
    void awsNetworkLoadBalancerHeaderWithItsCrc32c() throws Exception {
        byte[] nlb = V2Bytes.awsNlb();
        ByteBuffer in = ByteBuffer.wrap(nlb);
        ProxyHeader header = ProxyProtocolDecoder.decode(in);
        assertThat(header.source()).isEqualTo(at("172.31.7.113", 51442));
        assertThat(header.destination()).isEqualTo(at("172.31.10.31", 80));
        assertThat(in.position()).isEqualTo(100);
    }

    @Test
    void aCorruptedHeaderFailsItsCrc32c() {
        byte[] nlb = V2Bytes.awsNlb();
        nlb[40] ^= 1;                                                       // inside the VPC endpoint id
        assertThatThrownBy(() -> decode(nlb)).isInstanceOf(ProxyProtocolException.class)
                .hasMessageContaining("CRC32C mismatch");
    }

    @Test
    void crc32cComputedOverAnotherHeaderAlsoChecks() throws Exception {
        byte[] bytes = header(0x21, 0x11, concat(TCP4_BODY, tlv(0x03, new byte[4])));
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        long value = crc.getValue();
        int field = bytes.length - 4;
        for (int i = 0; i < 4; i++) {
            bytes[field + i] = (byte) (value >>> 24 - 8 * i);
        }
        assertThat(decode(bytes).hasAddresses()).isTrue();
    }

    @Test
    void localIgnoresItsBlockWhateverTheFamily() throws Exception {
        assertThat(decode(header(0x20, 0x00, new byte[0]))).isEqualTo(ProxyHeader.unknown(2, ProxyCommand.LOCAL));
        assertThat(decode(header(0x20, 0x00, tlv(0x04, bytes(0, 0))))).isEqualTo(
                ProxyHeader.unknown(2, ProxyCommand.LOCAL));
        // Receivers must skip the announced length and not assume zero for LOCAL.
        ByteBuffer in = ByteBuffer.wrap(concat(header(0x20, 0x11, TCP4_BODY), bytes('x')));
        ProxyHeader header = ProxyProtocolDecoder.decode(in);
        assertThat(header.command()).isEqualTo(ProxyCommand.LOCAL);
        assertThat(header.hasAddresses()).isFalse();
        assertThat(in.remaining()).isEqualTo(1);
        // Even a family byte the PROXY command would reject.
        assertThat(decode(header(0x20, 0xFF, new byte[0])).command()).isEqualTo(ProxyCommand.LOCAL);
    }

    @Test
    void unspecAndUnixKeepTheConnectionsAddresses() throws Exception {
        assertThat(decode(header(0x21, 0x00, new byte[0])).hasAddresses()).isFalse();
        assertThat(decode(header(0x21, 0x00, tlv(0x05, bytes(1, 2, 3)))).hasAddresses()).isFalse();
        assertThat(decode(header(0x21, 0x10, TCP4_BODY)).hasAddresses()).isFalse();   // AF_INET, UNSPEC protocol
        byte[] unix = new byte[216];
        unix[0] = '/';
        ProxyHeader header = decode(header(0x21, 0x31, concat(unix, tlv(0x04, bytes(0)))));
        assertThat(header).isEqualTo(ProxyHeader.unknown(2, ProxyCommand.PROXY));
        InetSocketAddress real = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);
        assertThat(header.sourceOr(real)).isSameAs(real);
    }

    @Test
    void theLargestAcceptedHeaderAndOneByteMore() throws Exception {
        int max = ProxyProtocolDecoder.MAX_HEADER_LENGTH;
        byte[] noop = tlv(0x04, new byte[max - 16 - TCP4_BODY.length - 3]);
        byte[] largest = header(0x21, 0x11, concat(TCP4_BODY, noop));
        assertThat(largest).hasSize(max);
        assertThat(decode(largest).hasAddresses()).isTrue();

        byte[] tooLarge = header(0x21, 0x11, concat(TCP4_BODY, tlv(0x04, new byte[noop.length - 3 + 1])));
        // Rejected on the 16-byte fixed part alone: nothing past it is awaited or buffered.
        assertThatThrownBy(() -> ProxyProtocolDecoder.decode(ByteBuffer.wrap(tooLarge, 0, 16)))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("537 bytes exceeds the 536-byte");
        byte[] maximal = Arrays.copyOf(V2Bytes.SIGNATURE, 16);
        maximal[12] = 0x21;
        maximal[13] = 0x11;
        maximal[14] = (byte) 0xFF;
        maximal[15] = (byte) 0xFF;
        assertThatThrownBy(() -> decode(maximal)).isInstanceOf(ProxyProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0x11, 0x31, 0x22, 0x2F })
    void otherVersionsAndCommandsAreRejectedOnTheirOwnByte(int versionCommand) {
        byte[] thirteen = Arrays.copyOf(V2Bytes.SIGNATURE, 13);
        thirteen[12] = (byte) versionCommand;
        assertThatThrownBy(() -> decode(thirteen)).isInstanceOf(ProxyProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0x41, 0x13, 0xF0, 0x03 })
    void unassignedFamiliesAndProtocolsAreRejectedOnTheirOwnByte(int familyProtocol) {
        byte[] fourteen = Arrays.copyOf(V2Bytes.SIGNATURE, 14);
        fourteen[12] = 0x21;
        fourteen[13] = (byte) familyProtocol;
        assertThatThrownBy(() -> decode(fourteen)).isInstanceOf(ProxyProtocolException.class);
    }

    @Test
    void addressBlocksAndTlvsMustFitTheLength() {
        assertThatThrownBy(() -> decode(header(0x21, 0x11, Arrays.copyOf(TCP4_BODY, 11))))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> decode(header(0x21, 0x21, TCP4_BODY)))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> decode(header(0x21, 0x11, concat(TCP4_BODY, bytes(0x04, 0)))))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("truncated TLV");
        assertThatThrownBy(() -> decode(header(0x21, 0x11, concat(TCP4_BODY, bytes(0x04, 0, 2, 0)))))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("TLV longer");
        assertThatThrownBy(() -> decode(header(0x21, 0x11, concat(TCP4_BODY, tlv(0x03, bytes(1, 2))))))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("4 bytes");
    }

    @Test
    void garbageIsRejectedOnTheFirstByteThatCannotMatch() {
        byte[] tlsHello = bytes(0x16, 0x03, 0x01, 0x00, 0xA5);
        assertThatThrownBy(() -> decode(tlsHello)).isInstanceOf(ProxyProtocolException.class)
                .hasMessage("not a PROXY protocol header");
        assertThatThrownBy(() -> decode(bytes('\r', '\n', '\r', '\n', 'G'))).isInstanceOf(ProxyProtocolException.class);
        assertThatThrownBy(() -> decode(bytes('\r', 'X'))).isInstanceOf(ProxyProtocolException.class);
    }

    @Test
    void byteOrderPositionAndDirectBuffersDoNotMatter() throws Exception {
        byte[] nlb = V2Bytes.awsNlb();
        ByteBuffer direct = ByteBuffer.allocateDirect(nlb.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(new byte[7]).put(nlb).put(bytes(1, 2, 3)).flip().position(7);
        ProxyHeader header = ProxyProtocolDecoder.decode(direct);
        assertThat(header.destination()).isEqualTo(at("172.31.10.31", 80));
        assertThat(direct.position()).isEqualTo(7 + nlb.length);
        assertThat(direct.remaining()).isEqualTo(3);
    }
}
