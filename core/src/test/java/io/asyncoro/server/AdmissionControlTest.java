package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.InetLiteral;

class AdmissionControlTest {

    private static final InetAddress CLIENT = InetLiteral.parse("192.0.2.10");
    private static final InetAddress OTHER = InetLiteral.parse("192.0.2.11");

    @Test
    void theFilterComesFirstAndCostsNoSlot() {
        AdmissionControl control = AdmissionControl.of(
                AddressFilter.parse(List.of("192.0.2.0/24"), List.of("192.0.2.11")), 1);
        Admission denied = control.admit(OTHER);
        assertThat(denied.isAdmitted()).isFalse();
        assertThat(denied.refusal()).isEqualTo(AdmissionRefusal.ADDRESS_NOT_ALLOWED);
        assertThat(control.admit(InetLiteral.parse("198.51.100.1")).refusal())
                .isEqualTo(AdmissionRefusal.ADDRESS_NOT_ALLOWED);
        denied.close();
        assertThat(control.trackedAddresses()).isZero();
        assertThat(control.admit(CLIENT).isAdmitted()).isTrue();
    }

    @Test
    void perAddressLimitAndReleaseOnClose() {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), 2);
        Admission first = control.admit(CLIENT);
        Admission second = control.admit(CLIENT);
        Admission third = control.admit(CLIENT);
        assertThat(first.isAdmitted()).isTrue();
        assertThat(second.isAdmitted()).isTrue();
        assertThat(third.refusal()).isEqualTo(AdmissionRefusal.TOO_MANY_FROM_ADDRESS);
        assertThat(third.refusal().tag()).isEqualTo("max-connections-per-address");
        // Another address has its own count.
        assertThat(control.admit(OTHER).isAdmitted()).isTrue();
        assertThat(control.openFrom(CLIENT)).isEqualTo(2);

        third.close();                                   // a refusal holds nothing to give back
        assertThat(control.openFrom(CLIENT)).isEqualTo(2);
        first.close();
        first.close();                                   // closing twice releases once
        assertThat(control.openFrom(CLIENT)).isEqualTo(1);
        assertThat(control.admit(CLIENT).isAdmitted()).isTrue();
        assertThat(control.admit(CLIENT).isAdmitted()).isFalse();
    }

    @Test
    void entriesGoAwayWithTheirLastConnection() {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), 5);
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            admissions.add(control.admit(InetLiteral.toAddress(new byte[] { 10, 0, (byte) (i >>> 8), (byte) i })));
        }
        assertThat(control.trackedAddresses()).isEqualTo(1_000);
        admissions.forEach(Admission::close);
        assertThat(control.trackedAddresses()).isZero();
    }

    @Test
    void unlimitedTracksNothing() {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), AdmissionControl.UNLIMITED);
        for (int i = 0; i < 100; i++) {
            assertThat(control.admit(CLIENT).isAdmitted()).isTrue();
        }
        assertThat(control.trackedAddresses()).isZero();
    }

    @Test
    void ipv4MappedClientsShareTheirIpv4Count() throws Exception {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), 1);
        InetAddress mapped = Inet6Address.getByAddress(null, InetLiteral.parseIpv6("::ffff:192.0.2.10"), -1);
        assertThat(control.admit(CLIENT).isAdmitted()).isTrue();
        assertThat(control.admit(mapped).refusal()).isEqualTo(AdmissionRefusal.TOO_MANY_FROM_ADDRESS);
    }

    @Test
    void ipv6ClientsCanBeCountedPerNetwork() {
        AdmissionControl per64 = AdmissionControl.of(AddressFilter.allowAll(), 1, 64);
        assertThat(per64.admit(InetLiteral.parse("2001:db8:1:2::1")).isAdmitted()).isTrue();
        // Same /64, another interface id: the same host, most likely.
        assertThat(per64.admit(InetLiteral.parse("2001:db8:1:2:ffff::9")).isAdmitted()).isFalse();
        assertThat(per64.admit(InetLiteral.parse("2001:db8:1:3::1")).isAdmitted()).isTrue();
        assertThat(per64.openFrom(InetLiteral.parse("2001:db8:1:2:abcd::"))).isEqualTo(1);

        AdmissionControl perAddress = AdmissionControl.of(AddressFilter.allowAll(), 1);
        assertThat(perAddress.admit(InetLiteral.parse("2001:db8:1:2::1")).isAdmitted()).isTrue();
        assertThat(perAddress.admit(InetLiteral.parse("2001:db8:1:2::2")).isAdmitted()).isTrue();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> AdmissionControl.of(AddressFilter.allowAll(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdmissionControl.of(AddressFilter.allowAll(), 1, 129))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdmissionControl.of(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void concurrentAcceptsNeverOvershootAndLeaveNothingBehind() throws Exception {
        int limit = 3;
        int threads = 8;
        int rounds = 2_000;
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), limit);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < rounds; i++) {
                        // Close via try-with-resources, as a server's connection would on every exit path.
                        try (Admission admission = control.admit(CLIENT)) {
                            if (admission.isAdmitted()) {
                                admitted++;
                                mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                                Thread.onSpinWait();
                                holding.decrementAndGet();
                            }
                        }
                    }
                    return admitted;
                }));
            }
            int admitted = 0;
            for (Future<Integer> result : results) {
                admitted += result.get(20, TimeUnit.SECONDS);
            }
            assertThat(admitted).isPositive();
            assertThat(mostHeld.get()).isLessThanOrEqualTo(limit);
            assertThat(control.trackedAddresses()).isZero();
            assertThat(control.openFrom(CLIENT)).isZero();
        }
        finally {
            pool.shutdownNow();
        }
    }
}
