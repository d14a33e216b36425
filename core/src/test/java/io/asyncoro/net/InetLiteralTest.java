package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InetLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = { "0.0.0.0", "127.0.0.1", "255.255.255.255", "10.20.30.40", "::", "::1", "1::",
            "2001:db8::", "2001:DB8:0:0:8:800:200C:417A", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::1:2", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4" })
    void agreesWithTheJdkOnLiterals(String text) throws Exception {
        assertThat(InetLiteral.parse(text)).isEqualTo(InetAddress.getByName(text));
    }

    @Test
    void ipv4MappedLiteralsAreIpv4Addresses() throws Exception {
        assertThat(InetLiteral.parse("::ffff:192.0.2.1")).isInstanceOf(Inet4Address.class)
                .isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(InetLiteral.parse("::ffff:c000:201")).isInstanceOf(Inet4Address.class);
        assertThat(InetLiteral.parseIpv6("::ffff:192.0.2.1")).hasSize(16);
        assertThat(InetLiteral.parse("::192.0.2.1")).isInstanceOf(Inet6Address.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.00", "1..3.4", "1.2.3.4.",
            ".1.2.3", "1.2.3.-4", "1.2.3.+4", "0x1.2.3.4", "1.2.3.4 ", "localhost", "1.2.3.\u0664",
            ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
            "12345::", "g::", "::1%eth0", "[::1]", ":1::", "1::2:", "::1.2.3.4:5", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3", "\u0661::" })
    void rejectsAnythingElseWithoutEchoingIt(String text) {
        assertThatThrownBy(() -> InetLiteral.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(ex -> {
                    if (text.length() > 2) {
                        assertThat(ex.getMessage()).doesNotContain(text);
                    }
                });
    }

    @Test
    void familySpecificParsersRefuseTheOtherFamily() {
        assertThatThrownBy(() -> InetLiteral.parseIpv4("::1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InetLiteral.parseIpv6("1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
    }
}
