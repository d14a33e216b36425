package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One node's link to Redis is cut for 8 s while Redis and the other node go on: what the other node published
 * meanwhile stays in the stream, and the cut node reads on from the last id it delivered once its link is back;
 * what the cut node published meanwhile goes out then. The cut is shorter than the node timeout, so nobody is
 * announced left: a cut node's heartbeat is back within about 2 s of its link (Lettuce retries every second, the
 * heartbeat beats every second), so cuts up to about 10 s pass with the default 12 s node timeout; the test
 * keeps a margin for a loaded machine.
 */
@Timeout(120)
class ChatLinkCutTest {

    @Test
    void aNodeCutFromRedisForEightSecondsGetsWhatWasPublishedMeanwhileOnceAndInOrder() throws Exception {
        try (TestRedis redis = TestRedis.startOrSkip();
                TcpProxy link = new TcpProxy(TestRedis.freePort(), redis.port());
                ClusterNode a = ClusterNode.start(link.port());
                ClusterNode b = ClusterNode.start(redis.port());
                ChatTestClient a1 = ChatTestClient.join(a.chatPort());
                ChatTestClient b1 = ChatTestClient.join(b.chatPort())) {
            int na = a1.number();
            int nb = b1.number();
            CrossNode.settle(a1, b1);

            link.cut();
            await("node A to notice").atMost(Duration.ofSeconds(10)).until(() -> !a.connected());
            for (int k = 0; k < 5; k++) {
                b1.say("m" + k);
                a1.say("a" + k);
            }
            await("an eight-second cut").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> !a.connected() && b.connected());
            link.restore();
            long back = System.nanoTime();
            for (int k = 0; k < 5; k++) {
                a1.expect(nb + " says: m" + k);
            }
            long caughtUp = Duration.ofNanos(System.nanoTime() - back).toMillis();
            for (int k = 0; k < 5; k++) {
                b1.expect(na + " says: a" + k);
            }
            System.out.println("[measure] a node cut from Redis for 8 s had what was published meanwhile "
                    + caughtUp + " ms after its link was back");
            assertThat(caughtUp).isLessThan(10_000);

            // Once each, and nobody announced left: the last messages trail everything before them.
            b1.say("end");
            a1.expect(nb + " says: end");
            a1.say("end");
            b1.expect(na + " says: end");
            assertThat(a1.pending()).isEmpty();
            assertThat(b1.pending()).isEmpty();
        }
    }
}
