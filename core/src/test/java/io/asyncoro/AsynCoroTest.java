package io.asyncoro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsynCoroTest {

    private final AsynCoro asyncoro = new AsynCoro("test");

    @AfterEach
    void closeScheduler() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void spawnRunsOnAVirtualThreadAndValueReturnsTheResult() throws Exception {
        Coro<String> coro = asyncoro.spawn(self -> {
            assertThat(Coro.current()).isSameAs(self);
            assertThat(Coro.inCoroutine()).isTrue();
            return Thread.currentThread().isVirtual() + ":" + self.name();
        });
        assertThat(coro.value()).isEqualTo("true:test-coro-" + coro.id());
        assertThat(coro.isAlive()).isFalse();
        assertThat(Coro.inCoroutine()).isFalse();
        assertThatThrownBy(Coro::current).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blockingOptionRunsOnAPlatformThread() throws Exception {
        Coro<Boolean> coro = asyncoro.spawn(CoroOptions.DEFAULT.withBlocking(true), self -> Thread.currentThread().isVirtual());
        assertThat(coro.value()).isFalse();
        assertThat(coro.isBlocking()).isTrue();
    }

    @Test
    void valueRethrowsARuntimeFailureAsItIs() {
        Coro<Object> coro = asyncoro.spawn(self -> {
            throw new IllegalArgumentException("bad input");
        });
        assertThatThrownBy(coro::value).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
    }

    @Test
    void valueWrapsACheckedFailure() {
        Coro<Object> coro = asyncoro.spawn("checked", self -> {
            throw new IOException("disk gone");
        });
        assertThatThrownBy(coro::value).isInstanceOf(CoroFailedException.class)
                .hasMessageContaining("checked")
                .cause().isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void valueWithTimeoutThrowsWhileRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Coro<Integer> coro = asyncoro.spawn(self -> {
            release.await();
            return 7;
        });
        assertThatThrownBy(() -> coro.value(Duration.ofMillis(50))).isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();
        assertThat(coro.value(Duration.ofSeconds(5))).isEqualTo(7);
    }

    @Test
    void receiveGetsMessagesSentFromOutsideInOrder() throws Exception {
        Coro<List<Object>> coro = asyncoro.spawn(self -> {
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(Coro.receive());
            }
            return got;
        });
        assertThat(coro.send("a")).isTrue();
        assertThat(coro.send(null)).isTrue();
        assertThat(coro.send(3)).isTrue();
        assertThat(coro.value()).containsExactly("a", null, 3);
        assertThat(coro.send("late")).as("a message to an ended coroutine is dropped").isFalse();
    }

    @Test
    void receiveWithTimeoutReturnsNullWhenNothingCame() throws Exception {
        Coro<Object[]> coro = asyncoro.spawn(self -> {
            Object none = Coro.receive(Duration.ofMillis(50));
            self.send("to myself");
            Object some = Coro.receive(Duration.ofSeconds(5));
            return new Object[] { none, some };
        });
        assertThat(coro.value()).containsExactly(null, "to myself");
    }

    @Test
    void receiveOutsideACoroutineIsRefused() {
        assertThatThrownBy(Coro::receive).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void suspendWaitsForResumeAndGetsItsValue() throws Exception {
        CountDownLatch suspending = new CountDownLatch(1);
        Coro<Object> coro = asyncoro.spawn(self -> {
            suspending.countDown();
            return Coro.suspend();
        });
        suspending.await();
        assertThat(coro.isAlive()).isTrue();
        assertThat(coro.resume("go")).isTrue();
        assertThat(coro.value()).isEqualTo("go");
        assertThat(coro.resume("again")).as("resume of an ended coroutine").isFalse();
    }

    @Test
    void resumeBeforeSuspendIsKeptForIt() throws Exception {
        CountDownLatch resumed = new CountDownLatch(1);
        Coro<Object> coro = asyncoro.spawn(self -> {
            resumed.await();
            return Coro.suspend();
        });
        assertThat(coro.resume(42)).isTrue();
        assertThat(coro.resume(43)).as("a second pending resume").isFalse();
        resumed.countDown();
        assertThat(coro.value()).isEqualTo(42);
    }

    @Test
    void suspendWithTimeoutReturnsTheAlarmValue() throws Exception {
        Coro<Object> coro = asyncoro.spawn(self -> Coro.suspend(Duration.ofMillis(50), "alarm"));
        assertThat(coro.value()).isEqualTo("alarm");
    }

    @Test
    void sleepParksForTheGivenTime() throws Exception {
        Coro<Long> coro = asyncoro.spawn(self -> {
            long start = System.nanoTime();
            Coro.sleep(Duration.ofMillis(100));
            return System.nanoTime() - start;
        });
        assertThat(coro.value()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void terminateInterruptsAReceiveAndValueThrowsCoroTerminated() throws Exception {
        CountDownLatch receiving = new CountDownLatch(1);
        Coro<Object> coro = asyncoro.spawn(self -> {
            receiving.countDown();
            return Coro.receive();
        });
        receiving.await();
        coro.terminate();
        assertThatThrownBy(coro::value).isInstanceOf(CoroTerminatedException.class);
        assertThat(coro.isAlive()).isFalse();
    }

    @Test
    void terminateInterruptsASleep() {
        Coro<Object> coro = asyncoro.spawn(self -> {
            Coro.sleep(Duration.ofMinutes(5));
            return "woke";
        });
        coro.terminate();
        assertThatThrownBy(coro::value).isInstanceOf(CoroTerminatedException.class);
    }

    @Test
    void monitorsReceiveCoroExitForSuccessFailureAndTermination() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Coro<String> ok = asyncoro.spawn(self -> {
            go.await();
            return "fine";
        });
        Coro<String> failing = asyncoro.spawn(self -> {
            go.await();
            throw new IllegalStateException("broken");
        });
        Coro<String> endless = asyncoro.spawn(self -> {
            Coro.receive();
            return "never";
        });
        CountDownLatch monitoring = new CountDownLatch(1);
        Coro<List<CoroExit>> watcher = asyncoro.spawn(self -> {
            self.monitor(ok).monitor(failing).monitor(endless);
            monitoring.countDown();
            List<CoroExit> exits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                exits.add((CoroExit) Coro.receive());
            }
            assertThat(Coro.receive(Duration.ofMillis(100))).as("one notice per ending").isNull();
            return exits;
        });
        monitoring.await();
        go.countDown();
        failing.toFuture().handle((v, t) -> null).join();
        ok.value();
        endless.terminate();
        List<CoroExit> exits = watcher.value();
        assertThat(exits).extracting(CoroExit::coro).containsExactlyInAnyOrder(ok, failing, endless);
        CoroExit okExit = exits.stream().filter(e -> e.coro() == ok).findFirst().orElseThrow();
        assertThat(okExit.succeeded()).isTrue();
        assertThat(okExit.value()).isEqualTo("fine");
        CoroExit failedExit = exits.stream().filter(e -> e.coro() == failing).findFirst().orElseThrow();
        assertThat(failedExit.succeeded()).isFalse();
        assertThat(failedExit.failure()).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        CoroExit terminatedExit = exits.stream().filter(e -> e.coro() == endless).findFirst().orElseThrow();
        assertThat(terminatedExit.failure()).isInstanceOf(CoroTerminatedException.class);
    }

    @Test
    void monitoringAnEndedCoroutineSendsTheNoticeAtOnce() throws Exception {
        Coro<Integer> done = asyncoro.spawn(self -> 5);
        done.value();
        Coro<CoroExit> watcher = asyncoro.spawn(self -> {
            self.monitor(done);
            return (CoroExit) Coro.receive(Duration.ofSeconds(5));
        });
        assertThat(watcher.value().value()).isEqualTo(5);
    }

    @Test
    void countsAndNamesTheLiveCoroutines() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        long before = asyncoro.startedCount();
        Coro<Object> a = asyncoro.spawn("alpha", self -> {
            release.await();
            return null;
        });
        Coro<Object> b = asyncoro.spawn("beta", self -> {
            release.await();
            return null;
        });
        assertThat(asyncoro.activeCount()).isEqualTo(2);
        assertThat(asyncoro.names()).containsExactly("alpha", "beta");
        assertThat(asyncoro.startedCount()).isEqualTo(before + 2);
        release.countDown();
        a.value();
        b.value();
        assertThat(asyncoro.activeCount()).as("counted out before value() returns").isZero();
        assertThat(asyncoro.names()).isEmpty();
        assertThat(asyncoro.startedCount()).isEqualTo(before + 2);
    }

    @Test
    void daemonCoroutinesDoNotHoldCloseUpButAreTerminatedByIt() throws Exception {
        AsynCoro scheduler = new AsynCoro("daemons");
        Coro<Object> daemon = scheduler.spawn(CoroOptions.DEFAULT.withDaemon(true).withName("d"), self -> Coro.receive());
        assertThat(daemon.isDaemon()).isTrue();
        long start = System.nanoTime();
        assertThat(scheduler.close(Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(daemon::value).isInstanceOf(CoroTerminatedException.class);
        assertThat(scheduler.isClosed()).isTrue();
        assertThatThrownBy(() -> scheduler.spawn(self -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeWaitsForNonDaemonsThatFinishInTime() throws Exception {
        AsynCoro scheduler = new AsynCoro("graceful");
        CountDownLatch started = new CountDownLatch(1);
        Coro<String> worker = scheduler.spawn(self -> {
            started.countDown();
            Coro.sleep(Duration.ofMillis(200));
            return "finished";
        });
        started.await();
        assertThat(scheduler.close(Duration.ofSeconds(10))).isTrue();
        assertThat(worker.value()).isEqualTo("finished");
    }

    @Test
    void closeWithDeadlineTerminatesStragglersAndReturnsFalse() throws Exception {
        AsynCoro scheduler = new AsynCoro("stragglers");
        CountDownLatch started = new CountDownLatch(1);
        Coro<Object> straggler = scheduler.spawn(self -> {
            started.countDown();
            return Coro.receive();
        });
        started.await();
        long start = System.nanoTime();
        assertThat(scheduler.close(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(straggler::value).isInstanceOf(CoroTerminatedException.class);
        assertThat(scheduler.activeCount()).isZero();
    }

    @Test
    void instanceIsOneSharedScheduler() {
        assertThat(AsynCoro.instance()).isSameAs(AsynCoro.instance());
        assertThat(AsynCoro.instance().isClosed()).isFalse();
    }

    @Test
    void aCoroutineMaySpawnAndWaitForAnother() throws Exception {
        Coro<Integer> parent = asyncoro.spawn(self -> {
            Coro<Integer> child = asyncoro.spawn(c -> (Integer) Coro.receive() * 2);
            child.send(21);
            return child.value();
        });
        assertThat(parent.value()).isEqualTo(42);
    }

    @Test
    void terminatedCoroutineThatSwallowsTheInterruptKeepsItsValue() throws Exception {
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        CountDownLatch receiving = new CountDownLatch(1);
        Coro<String> coro = asyncoro.spawn(self -> {
            receiving.countDown();
            try {
                Coro.receive();
            }
            catch (InterruptedException ex) {
                interrupted.set(true);
            }
            return "cleaned up";
        });
        receiving.await();
        coro.terminate();
        assertThat(coro.value()).isEqualTo("cleaned up");
        assertThat(interrupted.get()).isTrue();
    }
}
