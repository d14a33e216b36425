package io.asyncoro.reliability.soak;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.spring.server.ServerObserverFactory;

/**
 * The soak's server: a Boot application on the starter whose {@code soak} server echoes each message through an
 * annotated controller (so through the starter's per-connection send queue and writer), after checking its
 * checksum, and counts what it sees through a {@link ServerObserverFactory}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SoakEchoController.class)
public class SoakServerApplication {

    @Bean
    CountingObserver soakObserver() {
        return new CountingObserver();
    }

    @Bean
    ServerObserverFactory countingObserverFactory(CountingObserver soakObserver) {
        return name -> "soak".equals(name) ? soakObserver : null;
    }

    @Bean
    CorruptionCounter corruptionCounter() {
        return new CorruptionCounter();
    }

    /** Messages that reached the server already corrupted (they are echoed anyway, so the client sees it too). */
    public static final class CorruptionCounter {

        final LongAdder corrupted = new LongAdder();

        public long corrupted() {
            return corrupted.sum();
        }
    }
}
