package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.examples.support.RunningExample;

/** The dispatcher: {@code java -jar asyncoro-examples.jar <name> [args]}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExamplesTest {

    @Test
    void listsEveryExampleWhenNoneIsNamed() throws Exception {
        RunningExample run = RunningExample.runToEnd();
        run.assertExit(Examples.USAGE);
        for (String name : new String[] { "tut-sock-server", "tut-sock-client", "chat-sock-server", "chat-sock-client",
                "udp", "echo-server", "echo-client" }) {
            assertThat(run.err.snapshot()).anyMatch(l -> l.strip().startsWith(name + " "));
        }
    }

    @Test
    void refusesAnUnknownExample() throws Exception {
        RunningExample run = RunningExample.runToEnd("no-such-example");
        run.assertExit(Examples.USAGE);
        assertThat(run.err.snapshot()).first().isEqualTo("unknown example: no-such-example");
    }

    @Test
    void explainsBadArguments() throws Exception {
        RunningExample run = RunningExample.runToEnd("udp", "many");
        run.assertExit(Examples.USAGE);
        assertThat(run.err.snapshot()).containsExactly("udp: argument 1 must be a number: many", "usage: udp [n]");
    }

    @Test
    void refusesUnknownOptions() throws Exception {
        RunningExample run = RunningExample.runToEnd("echo-server", "--prot", "1");
        run.assertExit(Examples.USAGE);
        assertThat(run.err.snapshot()).first().isEqualTo("echo-server: unknown option --prot");
    }
}
