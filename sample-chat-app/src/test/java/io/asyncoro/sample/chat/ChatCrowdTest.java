package io.asyncoro.sample.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;

import io.asyncoro.spring.boot.autoconfigure.test.LocalAsyncoroServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thousand clients, each on a virtual thread, join and leave in waves of a hundred that join and leave
 * concurrently. Two observers stay throughout. Every join and leave notice must reach everyone who was in the
 * room at the time, exactly once: the observers hear of all 1,000 joins and 1,000 leaves once each, nobody
 * hears a notice twice, and of any two clients of a wave exactly one heard the other join (the room orders
 * joins, and a half-closing client reads everything queued for it until the server closes it).
 */
@ChatAppTest
class ChatCrowdTest {

    private static final int CLIENTS = 1_000;

    /** Joins per wave: each client is sent at most a wave's notices, far below its send queue's bound. */
    private static final int WAVE = 100;

    @LocalAsyncoroServerPort("chat")
    int port;

    @Autowired
    ChatRoom room;

    @BeforeEach
    @AfterEach
    void emptyRoom() {
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @Test
    @Timeout(180)
    void aThousandClientsJoinAndLeaveWithEveryNoticeDeliveredExactlyOnce() throws Exception {
        try (ChatTestClient first = ChatTestClient.join(this.port);
                ChatTestClient second = ChatTestClient.join(this.port);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            first.expect(second.number() + " joined");
            Set<Integer> numbers = new HashSet<>();
            for (int wave = 0; wave < CLIENTS / WAVE; wave++) {
                List<Map.Entry<Integer, List<String>>> heard = runWave(clients);
                numbers.addAll(heard.stream().map(Map.Entry::getKey).toList());
                assertEveryPairHeardEachOtherOnce(heard);
            }
            assertThat(numbers).hasSize(CLIENTS);

            for (ChatTestClient observer : List.of(first, second)) {
                await().atMost(ChatTestClient.WAIT)
                    .until(() -> observer.received().size() >= 2 * CLIENTS + (observer == first ? 1 : 0));
                List<String> notices = observer.received().stream().filter(m -> !m.startsWith("id: ")).toList();
                Map<String, Long> counts = notices.stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                Set<String> expected = new HashSet<>();
                for (int n : numbers) {
                    expected.add(n + " joined");
                    expected.add(n + " left");
                }
                if (observer == first) {
                    expected.add(second.number() + " joined");
                }
                assertThat(counts.keySet()).isEqualTo(expected);
                assertThat(counts.values()).allMatch(count -> count == 1);
            }
        }
    }

    /**
     * Connects {@link #WAVE} clients at once; once all are greeted, all half-close and read until the server
     * closes them. Returns each client's number and what it heard after its greeting.
     */
    private List<Map.Entry<Integer, List<String>>> runWave(ExecutorService executor) throws Exception {
        List<ChatTestClient> wave = new ArrayList<>();
        try {
            List<Future<ChatTestClient>> joining = new ArrayList<>();
            for (int i = 0; i < WAVE; i++) {
                joining.add(executor.submit(() -> ChatTestClient.join(this.port)));
            }
            for (Future<ChatTestClient> client : joining) {
                wave.add(client.get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            List<Future<?>> leaving = new ArrayList<>();
            for (ChatTestClient client : wave) {
                leaving.add(executor.submit(() -> {
                    client.halfClose();
                    client.awaitClosedByServer();
                    return null;
                }));
            }
            for (Future<?> done : leaving) {
                done.get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            List<Map.Entry<Integer, List<String>>> heard = new ArrayList<>();
            for (ChatTestClient client : wave) {
                assertThat(client.endedCleanly()).as("client %d closed cleanly by the server", client.number()).isTrue();
                List<String> messages = client.received();
                assertThat(messages.get(0)).isEqualTo("id: " + client.number());
                heard.add(Map.entry(client.number(), messages.subList(1, messages.size())));
            }
            return heard;
        }
        finally {
            wave.forEach(ChatTestClient::close);
        }
    }

    private static void assertEveryPairHeardEachOtherOnce(Collection<Map.Entry<Integer, List<String>>> wave) {
        Map<Integer, Map<String, Long>> heard = new HashMap<>();
        for (Map.Entry<Integer, List<String>> client : wave) {
            Map<String, Long> counts = client.getValue().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts.values()).as("client %d heard no notice twice", client.getKey()).allMatch(c -> c == 1);
            heard.put(client.getKey(), counts);
        }
        Set<Integer> numbers = heard.keySet();
        for (int i : numbers) {
            for (String notice : heard.get(i).keySet()) {
                assertThat(notice).as("client %d heard only notices about its own wave", i)
                    .matches(n -> numbers.contains(Integer.parseInt(n.split(" ")[0])));
            }
            for (int j : numbers) {
                if (i < j) {
                    assertThat(heard.get(i).containsKey(j + " joined") ^ heard.get(j).containsKey(i + " joined"))
                        .as("exactly one of %d and %d heard the other join", i, j).isTrue();
                    // A leaving connection stops hearing the room once the server has read its end of stream,
                    // so when two leave at the same moment neither may hear the other: never both, though.
                    assertThat(heard.get(i).containsKey(j + " left") && heard.get(j).containsKey(i + " left"))
                        .as("%d and %d did not both hear the other leave", i, j).isFalse();
                }
            }
        }
    }
}
