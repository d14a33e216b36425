package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/**
 * A thousand clients, each read by a virtual thread, are in the room at once: they join concurrently, then
 * all leave concurrently by half-closing and reading until the server closes them. An observer stays from
 * before the first join to after the last leave. Every notice must reach everyone who was in the room when it
 * was sent, exactly once:
 * <ul>
 * <li>the observer hears each of the 1,000 joins and 1,000 leaves once;</li>
 * <li>nobody hears any notice twice, and each client's first message is its own {@code id};</li>
 * <li>of any two clients exactly one heard the other join (the room orders joins), so the clients heard
 * 1000 * 999 / 2 joins between them;</li>
 * <li>no two clients both heard the other leave.</li>
 * </ul>
 * Each phase queues fewer than 1,000 messages per connection, below the send queue's bound of 1,024, so no
 * client is dropped as a slow consumer however the threads are scheduled.
 */
@ChatAppTest
class ChatCrowdTest {

    private static final int CLIENTS = 1_000;

    /** Connects in flight at once: stays below the listen backlog so that no SYN is dropped and retried. */
    private static final int CONNECTING = 100;

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
    @Timeout(240)
    void aThousandClientsJoinAndLeaveWithEveryNoticeDeliveredExactlyOnce() throws Exception {
        List<ChatTestClient> clients = new ArrayList<>();
        try (ChatTestClient observer = ChatTestClient.join(this.port);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore connecting = new Semaphore(CONNECTING);
            List<Callable<ChatTestClient>> joins = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                joins.add(() -> {
                    connecting.acquire();
                    try {
                        return ChatTestClient.join(this.port);
                    }
                    finally {
                        connecting.release();
                    }
                });
            }
            for (Future<ChatTestClient> joined : threads.invokeAll(joins)) {
                clients.add(joined.get());
            }
            assertThat(this.room.size()).isEqualTo(CLIENTS + 1);

            // Wait for the join notices to arrive before anyone leaves: each queue then holds one phase at most.
            long pairs = (long) CLIENTS * (CLIENTS - 1) / 2;
            await("every join notice").atMost(ChatTestClient.WAIT.multipliedBy(4))
                .until(() -> observer.receivedCount() >= 1 + CLIENTS
                        && clients.stream().mapToLong(c -> c.receivedCount() - 1).sum() >= pairs);
            assertThat(observer.receivedCount()).isEqualTo(1 + CLIENTS);
            assertThat(clients.stream().mapToLong(c -> c.receivedCount() - 1).sum()).isEqualTo(pairs);

            List<Callable<Void>> leaves = new ArrayList<>();
            for (ChatTestClient client : clients) {
                leaves.add(() -> {
                    client.halfClose();
                    client.awaitClosedByServer();
                    return null;
                });
            }
            for (Future<Void> left : threads.invokeAll(leaves)) {
                left.get(ChatTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            Map<Integer, Map<String, Long>> heard = new HashMap<>();
            for (ChatTestClient client : clients) {
                assertThat(client.endedCleanly()).as("client %d closed cleanly by the server", client.number()).isTrue();
                List<String> messages = client.received();
                assertThat(messages.get(0)).isEqualTo("id: " + client.number());
                heard.put(client.number(), counts(messages.subList(1, messages.size())));
            }
            assertThat(heard).hasSize(CLIENTS);
            assertEveryPairHeardEachOtherOnce(heard);

            await("every leave notice at the observer").atMost(ChatTestClient.WAIT)
                .until(() -> observer.receivedCount() >= 1 + 2 * CLIENTS);
            List<String> observerHeard = observer.received();
            Map<String, Long> observed = counts(observerHeard.subList(1, observerHeard.size()));
            assertThat(observed).as("the observer heard each notice once").hasSize(2 * CLIENTS)
                .allSatisfy((notice, count) -> assertThat(count).isEqualTo(1));
            for (int n : heard.keySet()) {
                assertThat(observed).containsKeys(n + " joined", n + " left");
            }
        }
        finally {
            clients.forEach(ChatTestClient::close);
        }
    }

    private static Map<String, Long> counts(List<String> messages) {
        return messages.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void assertEveryPairHeardEachOtherOnce(Map<Integer, Map<String, Long>> heard) {
        Set<Integer> numbers = heard.keySet();
        for (Map.Entry<Integer, Map<String, Long>> client : heard.entrySet()) {
            int i = client.getKey();
            assertThat(client.getValue().values()).as("client %d heard no notice twice", i).allMatch(c -> c == 1);
            for (String notice : client.getValue().keySet()) {
                assertThat(notice).as("client %d heard only notices about the crowd", i)
                    .matches("\\d+ (joined|left)")
                    .matches(n -> numbers.contains(Integer.parseInt(n.substring(0, n.indexOf(' ')))));
            }
        }
        for (int i : numbers) {
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
