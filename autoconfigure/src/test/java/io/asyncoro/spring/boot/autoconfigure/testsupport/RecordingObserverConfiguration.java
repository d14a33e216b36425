package io.asyncoro.spring.boot.autoconfigure.testsupport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.spring.server.ServerObserverFactory;

/** A {@link RecordingObserver} bean observing every server, for tests to {@code @Import}. */
@Configuration(proxyBeanMethods = false)
public class RecordingObserverConfiguration {

    @Bean
    RecordingObserver recordingObserver() {
        return new RecordingObserver();
    }

    @Bean
    ServerObserverFactory recordingObserverFactory(RecordingObserver observer) {
        return name -> observer;
    }
}
