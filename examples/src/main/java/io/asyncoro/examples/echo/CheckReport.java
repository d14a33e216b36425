package io.asyncoro.examples.echo;

import java.io.PrintStream;

/** Prints one line per check, and the tally last: {@code N passed, M failed}. */
final class CheckReport {

    private final PrintStream out;
    private int passed;
    private int failed;

    CheckReport(PrintStream out) {
        this.out = out;
    }

    void pass(String check) {
        passed++;
        out.println("PASS " + check);
    }

    void fail(String check, String why) {
        failed++;
        out.println("FAIL " + check + ": " + why);
    }

    /** Passes or fails {@code check} by comparing what was sent with what came back. */
    void compare(String check, byte[] sent, byte[] echoed) {
        String difference = EchoPayloads.difference(sent, echoed);
        if (difference == null) {
            pass(check);
        }
        else {
            fail(check, difference);
        }
    }

    boolean allPassed() {
        return failed == 0 && passed > 0;
    }

    void printTally() {
        out.println(passed + " passed, " + failed + " failed");
    }
}
