package io.asyncoro.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.asyncoro.examples.chat.ChatSockClient;
import io.asyncoro.examples.chat.ChatSockServer;
import io.asyncoro.examples.echo.EchoClient;
import io.asyncoro.examples.echo.EchoServer;
import io.asyncoro.examples.tut.TutSockClient;
import io.asyncoro.examples.tut.TutSockServer;
import io.asyncoro.examples.udp.UdpEcho;

/**
 * The examples jar's entry point: {@code java -jar asyncoro-examples.jar <name> [args]} runs the example
 * called {@code name}.
 */
public final class Examples {

    /** Every example, in the order the usage message lists them. */
    public static final List<Example> ALL = List.of(new TutSockServer(), new TutSockClient(), new ChatSockServer(),
            new ChatSockClient(), new UdpEcho(), new EchoServer(), new EchoClient());

    /** Exit status for wrong arguments. */
    public static final int USAGE = 2;

    private Examples() {
    }

    /** Runs the example named by {@code args[0]} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, Stdio.system()));
    }

    /** Runs the example named by {@code args[0]} with the given streams; returns its exit status. */
    public static int run(String[] args, Stdio io) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            printUsage(io);
            return args.length == 0 ? USAGE : 0;
        }
        Optional<Example> example = find(args[0]);
        if (example.isEmpty()) {
            io.err().println("unknown example: " + args[0]);
            printUsage(io);
            return USAGE;
        }
        Example chosen = example.get();
        try {
            return chosen.run(Args.parse(Arrays.asList(args).subList(1, args.length), chosen.flags()), io);
        }
        catch (UsageException ex) {
            io.err().println(chosen.name() + ": " + ex.getMessage());
            io.err().println("usage: " + chosen.name() + " " + chosen.usage());
            return USAGE;
        }
        catch (Exception ex) {
            io.err().println(chosen.name() + " failed: " + ex);
            return 1;
        }
    }

    /** The example called {@code name}. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static void printUsage(Stdio io) {
        io.err().println("usage: java -jar asyncoro-examples.jar <example> [args]");
        io.err().println();
        for (Example e : ALL) {
            io.err().printf("  %-17s %s%n", e.name(), e.usage());
            io.err().printf("  %-17s   %s%n", "", e.summary());
        }
    }
}
