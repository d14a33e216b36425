package io.asyncoro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A coroutine's mailbox, resume slot and monitor list are made on first use, and the current coroutine is found
 * without a ThreadLocal: messaging, resuming, monitoring and {@link Coro#current()} must work as before.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoroLazyStateTest {

    private final AsynCoro asyncoro = new AsynCoro("lazy");

    @AfterEach
    void close() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void aMessageSentBeforeTheFirstReceiveIsKept() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        Coro<Object> receiver = asyncoro.spawn(self -> {
            sent.await();
            return Coro.receive();
        });
        assertThat(receiver.send("early")).isTrue();
        sent.countDown();
        assertThat(receiver.value()).isEqualTo("early");
        assertThat(receiver.send("late")).isFalse();
    }

    @Test
    void messagesFromManySendersAllArrive() throws Exception {
        Coro<Integer> receiver = asyncoro.spawn(self -> {
            int sum = 0;
            for (int i = 0; i < 400; i++) {
                sum += (Integer) Coro.receive();
            }
            return sum;
        });
        for (int t = 0; t < 4; t++) {
            asyncoro.spawn(self -> {
                for (int i = 0; i < 100; i++) {
                    receiver.send(1);
                }
                return null;
            });
        }
        assertThat(receiver.value()).isEqualTo(400);
    }

    @Test
    void resumeWakesSuspend() throws Exception {
        Coro<Object> sleeper = asyncoro.spawn(self -> Coro.suspend());
        while (!sleeper.resume("up")) {
            Thread.onSpinWait();
        }
        assertThat(sleeper.value()).isEqualTo("up");
    }

    @Test
    void aMonitorHearsOfTheEnd() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Coro<String> worker = asyncoro.spawn(self -> {
            go.await();
            return "done";
        });
        Coro<Object> watcher = asyncoro.spawn(self -> {
            self.monitor(worker);
            go.countDown();
            return Coro.receive();
        });
        CoroExit exit = (CoroExit) watcher.value();
        assertThat(exit.coro()).isSameAs(worker);
        assertThat(exit.value()).isEqualTo("done");
        assertThat(exit.succeeded()).isTrue();
    }

    @Test
    void currentIsTheRunningCoroutineAndNothingOutsideOne() throws Exception {
        Coro<Boolean> coro = asyncoro.spawn(self -> Coro.current() == self && Coro.inCoroutine());
        assertThat(coro.value()).isTrue();
        assertThat(Coro.inCoroutine()).isFalse();
        assertThatThrownBy(Coro::current).isInstanceOf(IllegalStateException.class);
    }
}
