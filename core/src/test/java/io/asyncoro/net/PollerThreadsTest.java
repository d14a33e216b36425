package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollerThreadsTest {

    @Test
    void thePropertyNamesTheKindAndAnUnsetOneGivesTheDefault() {
        assertThat(PollerThreads.parse(null)).isEqualTo(PollerThreads.DEFAULT);
        assertThat(PollerThreads.parse(" ")).isEqualTo(PollerThreads.DEFAULT);
        assertThat(PollerThreads.parse("platform")).isEqualTo(PollerThreads.PLATFORM);
        assertThat(PollerThreads.parse(" Virtual ")).isEqualTo(PollerThreads.VIRTUAL);
    }

    @Test
    void anUnknownKindIsRefusedRatherThanQuietlyDefaulted() {
        assertThatThrownBy(() -> PollerThreads.parse("carrier"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asyncoro.poller=carrier");
    }

    @Test
    void eachKindStartsAThreadOfThatKindThatRunsTheLoop() throws Exception {
        Thread platform = PollerThreads.PLATFORM.start("poller-kind-test-p", () -> { });
        Thread virtual = PollerThreads.VIRTUAL.start("poller-kind-test-v", () -> { });
        platform.join();
        virtual.join();
        assertThat(platform.isVirtual()).isFalse();
        // A platform poller must not keep the JVM alive once the application is done.
        assertThat(platform.isDaemon()).isTrue();
        assertThat(virtual.isVirtual()).isTrue();
    }

    @Test
    void plainSocketsAreReadByPollersOfTheConfiguredKind() throws Exception {
        // core's build runs this class once without the property (the default) and once with the other kind.
        // getAllStackTraces lists platform threads only: a platform poller is there, a virtual one is not.
        try (RawPair pair = Loopback.rawPair()) {
            pair.peer().getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(pair.socket().recvAll(4)).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
            List<Thread> platformPollers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("asyncoro-poller-"))
                    .toList();
            if (PollerThreads.configured() == PollerThreads.PLATFORM) {
                assertThat(platformPollers).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
            }
            else {
                assertThat(platformPollers).isEmpty();
            }
        }
    }
}
