package io.asyncoro.reliability.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.spring.server.ServerObserverFactory;

/**
 * A Boot application on the starter for the Boot-level checks: every server it configures reports to one
 * {@link CountingObserver} through the starter's {@link ServerObserverFactory} SPI. Each test adds the controller
 * it needs as another source; controllers are top-level classes because Spring registers a configuration
 * class's nested components along with it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BootTestApplication {

    @Bean
    CountingObserver countingObserver() {
        return new CountingObserver();
    }

    @Bean
    ServerObserverFactory countingObserverFactory(CountingObserver countingObserver) {
        return name -> countingObserver;
    }
}
