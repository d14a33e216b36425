package io.asyncoro.examples;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard input, output and error of an example, so that tests can run examples in-process.
 *
 * @param in lines typed by the user
 * @param out what the example prints
 * @param err warnings and errors
 */
public record Stdio(BufferedReader in, PrintStream out, PrintStream err) {

    /** The process's own streams. */
    public static Stdio system() {
        return of(System.in, System.out, System.err);
    }

    /** Streams given as raw streams; input is read as UTF-8. */
    public static Stdio of(InputStream in, PrintStream out, PrintStream err) {
        return new Stdio(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, err);
    }
}
