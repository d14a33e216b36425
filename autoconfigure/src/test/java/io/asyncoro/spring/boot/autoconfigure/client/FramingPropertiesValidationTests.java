package io.asyncoro.spring.boot.autoconfigure.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnknownAsyncoroPropertyException;

/** A framing setting a server or client cannot use fails startup naming the property. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FramingPropertiesValidationTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "framing=delimiter; delimiter",
            "framing=delimiter,delimiter=\\q; delimiter",
            "framing=fixed; fixed-length",
            "framing=fixed,fixed-length=0; fixed-length",
            "framing=length-field,length-field.length=3; length-field.length",
            "framing=length-field,length-field.offset=-1; length-field.offset",
            "codec=noSuchCodec; codec" })
    void aServerSettingFailsNamingItsProperty(String settings, String property) {
        assertFailsNaming(ClientServerRunners.upperServer(), "asyncoro.servers.upper.", settings, property);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "framing=stx-etx; host",
            "host=localhost,port=0; port",
            "addresses=localhost; addresses[0]",
            "host=localhost,port=1,framing=fixed; fixed-length",
            "host=localhost,port=1,pool.max-size=0; pool.max-size",
            "host=localhost,port=1,reconnect.jitter=2; reconnect.jitter",
            "host=localhost,port=1,ssl.bundle=nope; ssl.bundle" })
    void aClientSettingFailsNamingItsProperty(String settings, String property) {
        assertFailsNaming(ClientServerRunners.caller(), "asyncoro.clients.upper.", settings, property);
    }

    @Test
    void aMistypedClientKeyStopsStartupNamingIt() {
        ClientServerRunners.caller()
            .withPropertyValues("asyncoro.clients.upper.host=localhost", "asyncoro.clients.upper.port=1",
                    "asyncoro.clients.upper.read-timout=2s")
            .run(context -> assertThat(context).getFailure()
                .isInstanceOf(UnknownAsyncoroPropertyException.class)
                .hasMessageContaining("asyncoro.clients.upper.read-timout"));
    }

    private static void assertFailsNaming(ApplicationContextRunner runner, String prefix, String settings,
            String property) {
        String[] all = settings.split(",");
        for (int i = 0; i < all.length; i++) {
            all[i] = prefix + all[i];
        }
        runner.withPropertyValues(all)
            .run(context -> assertThat(context).getFailure()
                .hasRootCauseInstanceOf(InvalidAsyncoroPropertyException.class)
                .rootCause()
                .hasMessageContaining(prefix + property));
    }
}
