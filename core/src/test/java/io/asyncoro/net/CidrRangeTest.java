package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrRangeTest {

    private static InetAddress ip(String text) {
        return InetLiteral.parse(text);
    }

    @Test
    void ipv4Ranges() {
        CidrRange ten = CidrRange.parse("10.0.0.0/8");
        assertThat(ten.contains(ip("10.0.0.0"))).isTrue();
        assertThat(ten.contains(ip("10.255.255.255"))).isTrue();
        assertThat(ten.contains(ip("11.0.0.0"))).isFalse();
        assertThat(ten.contains(ip("9.255.255.255"))).isFalse();
        CidrRange odd = CidrRange.parse("192.168.4.0/22");
        assertThat(odd.contains(ip("192.168.7.255"))).isTrue();
        assertThat(odd.contains(ip("192.168.8.0"))).isFalse();
        assertThat(odd.contains(ip("192.168.3.255"))).isFalse();
        assertThat(CidrRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void ipv6Ranges() {
        CidrRange doc = CidrRange.parse("2001:db8::/32");
        assertThat(doc.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(doc.contains(ip("2001:db9::"))).isFalse();
        assertThat(CidrRange.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(CidrRange.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(CidrRange.parse("::/0").contains(ip("::1"))).isTrue();
    }

    @Test
    void aBareAddressIsASingleHost() {
        CidrRange host = CidrRange.parse("192.0.2.7");
        assertThat(host.prefixLength()).isEqualTo(32);
        assertThat(host.contains(ip("192.0.2.7"))).isTrue();
        assertThat(host.contains(ip("192.0.2.6"))).isFalse();
        CidrRange loopback6 = CidrRange.parse(" ::1 ");
        assertThat(loopback6.prefixLength()).isEqualTo(128);
        assertThat(loopback6.contains(ip("::1"))).isTrue();
        assertThat(loopback6.contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Ranges() throws Exception {
        // How a dual-stack socket can report an IPv4 client: an Inet6Address holding ::ffff:a.b.c.d.
        byte[] mapped = InetLiteral.parseIpv6("::ffff:10.1.2.3");
        InetAddress dualStack = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(dualStack).isInstanceOf(Inet6Address.class);
        assertThat(CidrRange.parse("10.0.0.0/8").contains(dualStack)).isTrue();
        assertThat(CidrRange.parse("11.0.0.0/8").contains(dualStack)).isFalse();
        assertThat(CidrRange.parse("::/0").contains(dualStack)).isFalse();

        CidrRange mappedRule = CidrRange.parse("::ffff:10.0.0.0/104");
        assertThat(mappedRule).isEqualTo(CidrRange.parse("10.0.0.0/8"));
        assertThat(mappedRule.isIpv4()).isTrue();
        assertThat(mappedRule.contains(ip("10.9.9.9"))).isTrue();
        assertThat(CidrRange.parse("::ffff:192.0.2.1")).isEqualTo(CidrRange.parse("192.0.2.1/32"));
    }

    @Test
    void valueSemanticsAndText() {
        assertThat(CidrRange.parse("10.0.0.0/8")).isEqualTo(CidrRange.of(ip("10.0.0.0"), 8))
                .hasSameHashCodeAs(CidrRange.of(ip("10.0.0.0"), 8));
        assertThat(CidrRange.parse("10.0.0.0/8")).isNotEqualTo(CidrRange.parse("10.0.0.0/9"));
        assertThat(CidrRange.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(CidrRange.parse("2001:db8::/32").network()).isEqualTo(ip("2001:db8::"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/8", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/+8",
            "10.0.0.0/08", "10.0.0.0/8/8", "10.0.0.0/a", "10.1.0.0/8", "2001:db8::1/32", "example.com",
            "example.com/8", "10.0.0.0 /8", "300.0.0.0/8", "10.0.0.0/0x8" })
    void badEntriesAreNamedInTheError(String text) {
        assertThatThrownBy(() -> CidrRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid address range \"" + text + "\": ");
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> CidrRange.parse("10.1.0.0/8")).hasMessageContaining("bits set past the /8");
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> CidrRange.parse("::/200")).hasMessageContaining("0..128");
        assertThatThrownBy(() -> CidrRange.of(ip("10.0.0.1"), 31)).isInstanceOf(IllegalArgumentException.class);
    }
}
