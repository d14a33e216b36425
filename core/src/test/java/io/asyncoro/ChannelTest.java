package io.asyncoro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ChannelTest {

    private final AsynCoro asyncoro = new AsynCoro("channel-test");

    @AfterEach
    void closeScheduler() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void everySubscriberGetsEveryMessageInOrder() throws Exception {
        Channel<String> channel = new Channel<>("news");
        List<Coro<List<Object>>> subscribers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subscribers.add(asyncoro.spawn(self -> {
                List<Object> got = new ArrayList<>();
                for (int m = 0; m < 3; m++) {
                    got.add(Coro.receive());
                }
                return got;
            }));
        }
        subscribers.forEach(channel::subscribe);
        assertThat(channel.subscriberCount()).isEqualTo(5);
        assertThat(channel.send("one")).isEqualTo(5);
        assertThat(channel.send("two")).isEqualTo(5);
        assertThat(channel.send("three")).isEqualTo(5);
        for (Coro<List<Object>> s : subscribers) {
            assertThat(s.value()).containsExactly("one", "two", "three");
        }
        assertThat(channel.name()).isEqualTo("news");
    }

    @Test
    void unsubscribedCoroutinesGetNothingMore() throws Exception {
        Channel<Integer> channel = new Channel<>("numbers");
        CountDownLatch firstTaken = new CountDownLatch(1);
        Coro<List<Object>> leaver = asyncoro.spawn(self -> {
            List<Object> got = new ArrayList<>();
            got.add(Coro.receive());
            firstTaken.countDown();
            got.add(Coro.receive(Duration.ofMillis(200)));
            return got;
        });
        Coro<List<Object>> stayer = asyncoro.spawn(self -> List.of(Coro.receive(), Coro.receive()));
        assertThat(channel.subscribe(leaver)).isTrue();
        assertThat(channel.subscribe(leaver)).as("already subscribed").isFalse();
        channel.subscribe(stayer);
        channel.send(1);
        firstTaken.await();
        assertThat(channel.unsubscribe(leaver)).isTrue();
        assertThat(channel.unsubscribe(leaver)).isFalse();
        assertThat(channel.send(2)).isEqualTo(1);
        assertThat(leaver.value()).containsExactly(1, null);
        assertThat(stayer.value()).containsExactly(1, 2);
    }

    @Test
    void endedSubscribersAreDropped() throws Exception {
        Channel<String> channel = new Channel<>("gone");
        Coro<Integer> ended = asyncoro.spawn(self -> 0);
        ended.value();
        channel.subscribe(ended);
        assertThat(channel.send("anyone?")).isZero();
        assertThat(channel.subscriberCount()).isZero();
    }
}
