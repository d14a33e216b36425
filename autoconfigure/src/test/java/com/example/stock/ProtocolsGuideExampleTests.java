package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.boot.autoconfigure.client.AsyncoroClientAutoConfiguration;

/**
 * The guide's example as written there (docs/protocols-and-clients.md): the same two classes serve and call the
 * stock protocol in each of the three framings it shows, configured by properties alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolsGuideExampleTests {

    @ParameterizedTest
    @ValueSource(strings = { "framing=length-field,length-field.length=2", "framing=stx-etx", "framing=line" })
    void theStockServerAnswersTheStockLookup(String framing) {
        String[] settings = framing.split(",");
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
            .withBean(StockController.class)
            .withPropertyValues("asyncoro.servers.stock.port=0", "asyncoro.servers.stock.address=127.0.0.1")
            .withPropertyValues(prefixed("asyncoro.servers.stock.", settings))
            .run(server -> {
                int port = server.getEnvironment().getProperty("local.asyncoro.servers.stock.port", Integer.class);
                new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class,
                            AsyncoroClientAutoConfiguration.class))
                    .withBean(StockLookup.class)
                    .withPropertyValues("asyncoro.clients.stock.addresses=127.0.0.1:" + port,
                            "asyncoro.clients.stock.read-timeout=2s")
                    .withPropertyValues(prefixed("asyncoro.clients.stock.", settings))
                    .run(client -> {
                        StockLookup lookup = client.getBean(StockLookup.class);
                        assertThat(lookup.quantity("A-100")).isEqualTo(7);
                        assertThat(lookup.quantity("B-200")).isZero();
                        assertThat(lookup.quantity("nope")).isEqualTo(-1);
                    });
            });
    }

    private static String[] prefixed(String prefix, String[] settings) {
        String[] all = new String[settings.length];
        for (int i = 0; i < settings.length; i++) {
            all[i] = prefix + settings[i];
        }
        return all;
    }
}
