package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.asyncoro.net.CidrRange;
import io.asyncoro.net.InetLiteral;

class AddressFilterTest {

    private static InetAddress ip(String text) {
        return InetLiteral.parse(text);
    }

    @Test
    void emptyAllowListPermitsEveryoneNotDenied() {
        AddressFilter filter = AddressFilter.parse(List.of(), List.of("203.0.113.0/24"));
        assertThat(filter.permits(ip("198.51.100.1"))).isTrue();
        assertThat(filter.permits(ip("::1"))).isTrue();
        assertThat(filter.permits(ip("203.0.113.77"))).isFalse();
        assertThat(AddressFilter.allowAll().permits(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void allowListPermitsOnlyItsRangesAndDenyWins() {
        AddressFilter filter = AddressFilter.parse(List.of("10.0.0.0/8", "2001:db8::/32"), List.of("10.6.6.0/24"));
        assertThat(filter.permits(ip("10.1.2.3"))).isTrue();
        assertThat(filter.permits(ip("2001:db8::9"))).isTrue();
        assertThat(filter.permits(ip("10.6.6.6"))).isFalse();
        assertThat(filter.permits(ip("192.0.2.1"))).isFalse();
        assertThat(filter.permits(ip("2001:db9::9"))).isFalse();
        // The same address allowed and denied: denied.
        assertThat(AddressFilter.parse(List.of("192.0.2.1"), List.of("192.0.2.1")).permits(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void ipv4MappedClientsMeetTheIpv4Rules() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null, InetLiteral.parseIpv6("::ffff:10.6.6.6"), -1);
        AddressFilter filter = AddressFilter.parse(List.of("10.0.0.0/8"), List.of("10.6.6.0/24"));
        assertThat(filter.permits(mapped)).isFalse();
        assertThat(AddressFilter.parse(List.of("10.0.0.0/8"), List.of()).permits(mapped)).isTrue();
    }

    @Test
    void everyBadEntryIsNamedWithItsListAndPosition() {
        assertThatThrownBy(() -> AddressFilter.parse(List.of("10.0.0.0/8", "10.0.0.0/33"),
                Arrays.asList("bogus", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow[1]: invalid address range \"10.0.0.0/33\"")
                .hasMessageContaining("deny[0]: invalid address range \"bogus\"")
                .hasMessageContaining("deny[1]: missing entry")
                .hasMessageNotContaining("allow[0]");
    }

    @Test
    void parsedRangesAreExposedAndImmutable() {
        AddressFilter filter = AddressFilter.of(List.of(CidrRange.parse("10.0.0.0/8")), List.of());
        assertThat(filter.allow()).containsExactly(CidrRange.parse("10.0.0.0/8"));
        assertThat(filter.deny()).isEmpty();
        assertThatThrownBy(() -> filter.allow().add(CidrRange.parse("::1")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(filter).hasToString("AddressFilter[allow=[10.0.0.0/8], deny=[]]");
    }
}
