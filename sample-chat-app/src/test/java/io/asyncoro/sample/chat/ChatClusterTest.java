package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Status;

import io.asyncoro.spring.cluster.redis.RedisAsyncoroCluster;

/**
 * The chat on two nodes (two Boot contexts with the {@code cluster} profile) sharing one real Redis: every
 * notice reaches every member on either node exactly once, numbers are unique across the nodes, messages keep
 * their order per sender, and an outage of Redis loses nothing published meanwhile.
 */
@Timeout(180)
class ChatClusterTest {

    private static final Pattern SAYS = Pattern.compile("(\\d+) says: m(\\d+)");

    @Test
    void membersOnEitherNodeHearEachOtherOnceWithNumbersUniqueAcrossTheCluster() throws Exception {
        try (TwoNodes nodes = TwoNodes.start();
                ChatTestClient a1 = ChatTestClient.join(nodes.a().chatPort());
                ChatTestClient b1 = ChatTestClient.join(nodes.b().chatPort())) {
            int na = a1.number();
            int nb = b1.number();
            CrossNode.settle(a1, b1);
            try (ChatTestClient b2 = ChatTestClient.join(nodes.b().chatPort())) {
                int nb2 = b2.number();
                b1.expect(nb2 + " joined");
                a1.expect(nb2 + " joined");
                try (ChatTestClient a2 = ChatTestClient.join(nodes.a().chatPort())) {
                int na2 = a2.number();
                assertThat(List.of(na, nb, nb2, na2)).doesNotHaveDuplicates();
                a1.expect(na2 + " joined");
                b1.expect(na2 + " joined");
                b2.expect(na2 + " joined");

                b1.say("hello from b");
                for (ChatTestClient member : List.of(a1, a2, b2)) {
                    member.expect(nb + " says: hello from b");
                }
                a1.say("hi from a");
                for (ChatTestClient member : List.of(a2, b1, b2)) {
                    member.expect(na + " says: hi from a");
                }
                b1.halfClose();
                b1.awaitClosedByServer();
                for (ChatTestClient member : List.of(a1, a2, b2)) {
                    member.expect(nb + " left");
                }
                a1.halfClose();
                a1.awaitClosedByServer();
                a2.expect(na + " left");
                b2.expect(na + " left");

                // Each side's last message trails everything its node published: a duplicate would be before it.
                b2.say("end b");
                a2.expect(nb2 + " says: end b");
                a2.say("end a");
                b2.expect(na2 + " says: end a");
                assertThat(a2.received()).containsExactly("id: " + na2, nb + " says: hello from b",
                        na + " says: hi from a", nb + " left", na + " left", nb2 + " says: end b");
                assertThat(b2.received()).containsExactly("id: " + nb2, na2 + " joined", nb + " says: hello from b",
                        na + " says: hi from a", nb + " left", na + " left", na2 + " says: end a");
                assertThat(a1.received()).containsExactly("id: " + na, nb + " joined", nb2 + " joined",
                        na2 + " joined", nb + " says: hello from b", nb + " left");
                }
            }
        }
    }

    @Test
    void twentyMembersOnTwoNodesEachHearEveryOthersHundredMessagesOnceAndInOrder() throws Exception {
        int perNode = 10;
        int messages = 100;
        int round = 10;
        try (TwoNodes nodes = TwoNodes.start()) {
            List<ChatTestClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < perNode; i++) {
                    members.add(ChatTestClient.join(nodes.a().chatPort()));
                    members.add(ChatTestClient.join(nodes.b().chatPort()));
                }
                int others = members.size() - 1;
                long started = System.nanoTime();
                // In rounds, each awaited: a round queues at most 190 messages per member, far below its send queue.
                for (int first = 0; first < messages; first += round) {
                    int from = first;
                    members.parallelStream().forEach(member -> {
                        for (int k = from; k < from + round; k++) {
                            try {
                                member.say("m" + k);
                            }
                            catch (java.io.IOException ex) {
                                throw new java.io.UncheckedIOException(ex);
                            }
                        }
                    });
                    int expected = others * (from + round);
                    await("round from m" + from).atMost(Duration.ofSeconds(30))
                        .until(() -> members.stream().allMatch(m -> says(m).values().stream().mapToInt(List::size).sum() >= expected));
                }
                long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
                System.out.println("[measure] 20 members on 2 nodes, 100 messages each: " + (members.size() * others * messages)
                        + " deliveries in " + elapsed + " ms");
                List<Integer> inOrder = java.util.stream.IntStream.range(0, messages).boxed().toList();
                for (ChatTestClient member : members) {
                    Map<Integer, List<Integer>> heard = says(member);
                    assertThat(heard).as("senders member %d heard", member.number()).hasSize(others)
                        .doesNotContainKey(member.number());
                    heard.forEach((sender, ks) -> assertThat(ks).as("%d heard from %d", member.number(), sender)
                        .isEqualTo(inOrder));
                }
            }
            finally {
                members.forEach(ChatTestClient::close);
            }
        }
    }

    @Test
    void messagesPublishedWhileRedisIsDownForFiveSecondsArriveOnceAfterItReturns() throws Exception {
        try (TwoNodes nodes = TwoNodes.start();
                ChatTestClient a1 = ChatTestClient.join(nodes.a().chatPort());
                ChatTestClient b1 = ChatTestClient.join(nodes.b().chatPort())) {
            int na = a1.number();
            int nb = b1.number();
            CrossNode.settle(a1, b1);
            int before = b1.receivedCount();
            assertThat(nodes.a().clusterHealth()).isEqualTo(Status.UP);

            nodes.redis().stop();
            await("both nodes to notice").atMost(Duration.ofSeconds(10))
                .until(() -> !nodes.a().connected() && !nodes.b().connected());
            assertThat(nodes.a().clusterHealth()).isEqualTo(Status.OUT_OF_SERVICE);
            // Each node goes on serving its own members meanwhile.
            try (ChatTestClient a2 = ChatTestClient.join(nodes.a().chatPort())) {
                int na2 = a2.number();
                a1.expect(na2 + " joined");
                for (int k = 0; k < 5; k++) {
                    a1.say("m" + k);
                    b1.say("m" + k);
                }
                for (int k = 0; k < 5; k++) {
                    a2.expect(na + " says: m" + k);
                }
                a2.say("local while down");
                a1.expect(na2 + " says: local while down");
                await("a five-second outage").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .until(() -> !nodes.a().connected() && !nodes.b().connected());

                nodes.redis().startOrSkipAgain();
                long back = System.nanoTime();
                b1.expect(na2 + " joined");
                for (int k = 0; k < 5; k++) {
                    b1.expect(na + " says: m" + k);
                }
                b1.expect(na2 + " says: local while down");
                long delivered = Duration.ofNanos(System.nanoTime() - back).toMillis();
                for (int k = 0; k < 5; k++) {
                    a1.expect(nb + " says: m" + k);
                }
                System.out.println("[measure] after a 5 s Redis outage, what node A published meanwhile reached node B "
                        + delivered + " ms after Redis was back");
                assertThat(delivered).isLessThan(10_000);
                await("both nodes back").atMost(Duration.ofSeconds(10))
                    .until(() -> nodes.a().connected() && nodes.b().connected());
                assertThat(nodes.a().clusterHealth()).isEqualTo(Status.UP);

                b1.say("end");
                a1.expect(nb + " says: end");
                a1.say("end");
                b1.expect(na + " says: end");
                assertThat(a1.pending()).isEmpty();
                assertThat(b1.pending()).isEmpty();
                List<String> expected = new ArrayList<>();
                expected.add(na2 + " joined");
                for (int k = 0; k < 5; k++) {
                    expected.add(na + " says: m" + k);
                }
                expected.add(na2 + " says: local while down");
                expected.add(na + " says: end");
                assertThat(b1.received().subList(before, b1.receivedCount())).isEqualTo(expected);
            }
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesItsMembersAndJoinsWhenRedisComes() throws Exception {
        try (TestRedis redis = TestRedis.notStarted();
                ClusterNode a = ClusterNode.start(redis.port());
                ChatTestClient a1 = ChatTestClient.join(a.chatPort());
                ChatTestClient a2 = ChatTestClient.join(a.chatPort())) {
            a1.expect(a2.number() + " joined");
            a2.say("alone");
            a1.expect(a2.number() + " says: alone");
            assertThat(a.clusterHealth()).isEqualTo(Status.OUT_OF_SERVICE);

            redis.startOrSkipAgain();
            long back = System.nanoTime();
            await("node A to reach Redis").atMost(Duration.ofSeconds(10)).until(a::connected);
            System.out.println("[measure] a node started without Redis reached it "
                    + Duration.ofNanos(System.nanoTime() - back).toMillis() + " ms after it started");
            // What node A published while alone goes out before node B subscribes, so B's members never hear it.
            RedisAsyncoroCluster bus = (RedisAsyncoroCluster) a.cluster();
            await("node A's queued writes").atMost(Duration.ofSeconds(10)).until(() -> bus.pendingWrites() == 0);
            try (ClusterNode b = ClusterNode.start(redis.port());
                    ChatTestClient b1 = ChatTestClient.join(b.chatPort())) {
                assertThat(b1.number()).isNotIn(a1.number(), a2.number());
                a1.expect(b1.number() + " joined");
                b1.say("hello");
                a1.expect(b1.number() + " says: hello");
                a2.expect(b1.number() + " joined");
                a2.expect(b1.number() + " says: hello");
                a1.say("welcome");
                b1.expect(a1.number() + " says: welcome");
            }
        }
    }

    @Test
    void theRegistryBroadcastsToEveryNodeAndCountsConnectionsAcrossTheCluster() throws Exception {
        try (TwoNodes nodes = TwoNodes.start();
                ChatTestClient a1 = ChatTestClient.join(nodes.a().chatPort());
                ChatTestClient b1 = ChatTestClient.join(nodes.b().chatPort());
                ChatTestClient b2 = ChatTestClient.join(nodes.b().chatPort())) {
            // A remote join may reach a member who joined after it: what each node published before its marker
            // is join notices only, and after the marker nothing is pending.
            a1.say("ready a");
            b2.say("ready b");
            String readyA = a1.number() + " says: ready a";
            String readyB = b2.number() + " says: ready b";
            assertThat(CrossNode.readUntil(b1, readyA, readyB)).allMatch(text -> text.endsWith(" joined"));
            assertThat(CrossNode.readUntil(b2, readyA)).allMatch(text -> text.endsWith(" joined"));
            assertThat(CrossNode.readUntil(a1, readyB)).allMatch(text -> text.endsWith(" joined"));
            await("each node to see the other's connections").atMost(Duration.ofSeconds(10))
                .until(() -> nodes.a().registry().clusterCount("chat") == 3
                        && nodes.b().registry().clusterCount("chat") == 3);
            assertThat(nodes.a().registry().clusterCounts("chat")).containsEntry(nodes.a().cluster().nodeId(), 1)
                .containsEntry(nodes.b().cluster().nodeId(), 2);

            // The local broadcast stays local; the cluster one reaches every node, each connection once.
            assertThat(nodes.a().registry().broadcast("chat", "local only")).isEqualTo(1);
            assertThat(nodes.a().registry().broadcastCluster("chat", "to everyone")).isEqualTo(1);
            a1.expect("local only");
            a1.expect("to everyone");
            b1.expect("to everyone");
            b2.expect("to everyone");
            b2.say("end");
            a1.expect(b2.number() + " says: end");
            b1.expect(b2.number() + " says: end");
            assertThat(b1.pending()).isEmpty();
            assertThat(a1.pending()).isEmpty();
        }
    }

    /** Two nodes of the chat on one Redis of their own. */
    private record TwoNodes(TestRedis redis, ClusterNode a, ClusterNode b) implements AutoCloseable {

        static TwoNodes start() {
            TestRedis redis = TestRedis.startOrSkip();
            ClusterNode a = null;
            try {
                a = ClusterNode.start(redis.port());
                return new TwoNodes(redis, a, ClusterNode.start(redis.port()));
            }
            catch (RuntimeException ex) {
                if (a != null) {
                    a.close();
                }
                redis.close();
                throw ex;
            }
        }

        @Override
        public void close() {
            this.b.close();
            this.a.close();
            this.redis.close();
        }
    }

    /** What a member heard said, by sender number: the message numbers in the order heard. */
    private static Map<Integer, List<Integer>> says(ChatTestClient member) {
        Map<Integer, List<Integer>> heard = new HashMap<>();
        for (String text : member.received()) {
            Matcher m = SAYS.matcher(text);
            if (m.matches()) {
                heard.computeIfAbsent(Integer.parseInt(m.group(1)), s -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        return heard;
    }
}
