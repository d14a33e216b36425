package io.asyncoro.examples;

/** One subcommand of the examples jar: a port of one of asyncoro's example programs. */
public interface Example {

    /** The subcommand's name, as typed after {@code java -jar asyncoro-examples.jar}. */
    String name();

    /** The arguments it takes, for the usage message, e.g. {@code [host] [port]}. */
    String usage();

    /** What it does, in a few words. */
    String summary();

    /** The options that are switches, taking no value (e.g. {@code --tls}). */
    default java.util.Set<String> flags() {
        return java.util.Set.of();
    }

    /**
     * Runs the example.
     *
     * @param args the arguments after the subcommand's name
     * @param io where to read input and write output
     * @return the process exit status: 0 for success
     * @throws UsageException when the arguments are wrong
     */
    int run(Args args, Stdio io) throws Exception;
}
