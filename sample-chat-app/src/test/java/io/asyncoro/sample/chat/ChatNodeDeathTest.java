package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node killed with SIGKILL runs none of its shutdown: the survivors must find it dead by its expired heartbeat
 * and announce each of its members left, within 15 s, once. The killed node is the chat app in a child JVM.
 */
@Timeout(180)
class ChatNodeDeathTest {

    @Test
    void theMembersOfANodeKilledWithSigkillAreAnnouncedLeftOnTheSurvivorWithin15Seconds() throws Exception {
        try (TestRedis redis = TestRedis.startOrSkip();
                ClusterNode survivor = ClusterNode.start(redis.port());
                ChatTestClient s1 = ChatTestClient.join(survivor.chatPort())) {
            int childPort = TestRedis.freePort();
            Path log = Path.of("target", "chat-node-death-child.log");
            Process child = startChild(redis.port(), childPort, log.toFile());
            try {
                // Its log, not a probe connection: a probe would join the chat and be announced.
                await("the child node to serve the chat").atMost(Duration.ofSeconds(90))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("Started ChatApplication"));
                List<ChatTestClient> doomed = new ArrayList<>();
                try {
                    for (int i = 0; i < 3; i++) {
                        ChatTestClient member = ChatTestClient.join(childPort);
                        doomed.add(member);
                        s1.expect(member.number() + " joined");
                    }
                    // One leaves before the kill: it must not be announced a second time.
                    ChatTestClient leaver = doomed.remove(0);
                    leaver.halfClose();
                    leaver.awaitClosedByServer();
                    s1.expect(leaver.number() + " left");
                    await("the child to list its members in Redis").atMost(Duration.ofSeconds(10))
                        .until(() -> survivor.cluster().liveNodes().size() == 2);

                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no leave notice
                    long killed = System.nanoTime();
                    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    List<String> expected = doomed.stream().map(m -> m.number() + " left").sorted().toList();
                    List<String> heard = new ArrayList<>();
                    for (int i = 0; i < expected.size(); i++) {
                        heard.add(s1.next());
                    }
                    long announced = Duration.ofNanos(System.nanoTime() - killed).toMillis();
                    System.out.println("[measure] members of a node killed with SIGKILL announced left " + announced
                            + " ms after the kill");
                    assertThat(heard).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(announced).isLessThan(15_000);
                    // Nothing twice: a member of the survivor's own trails every notice.
                    int s2;
                    try (ChatTestClient newcomer = ChatTestClient.join(survivor.chatPort())) {
                        s2 = newcomer.number();
                        s1.expect(s2 + " joined");
                    }
                    s1.expect(s2 + " left");
                    assertThat(s1.pending()).isEmpty();
                }
                finally {
                    doomed.forEach(ChatTestClient::close);
                }
            }
            finally {
                child.destroyForcibly();
            }
        }
    }

    private static Process startChild(int redisPort, int chatPort, File log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ChatApplication.class.getName(),
                "--spring.profiles.active=cluster", "--asyncoro.servers.chat.port=" + chatPort, "--server.port=0",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    }
}
