package io.asyncoro.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of an example: positional words, {@code --name value} options and {@code --flag}
 * switches. Deliberately tiny: the examples are about sockets, not about parsing.
 */
public final class Args {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    private Args() {
    }

    /**
     * Parses {@code words}.
     *
     * @param flags the option names that take no value (e.g. {@code --tls})
     * @throws UsageException when an option that needs a value has none
     */
    public static Args parse(List<String> words, Set<String> flags) throws UsageException {
        Args args = new Args();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                args.positional.add(word);
            }
            else if (flags.contains(word)) {
                args.options.put(word, "true");
            }
            else if (i + 1 < words.size()) {
                args.options.put(word, words.get(++i));
            }
            else {
                throw new UsageException(word + " needs a value");
            }
        }
        return args;
    }

    /** Positional argument {@code index}, or {@code fallback} when absent. */
    public String positional(int index, String fallback) {
        return index < positional.size() ? positional.get(index) : fallback;
    }

    /** Positional argument {@code index} as a number, or {@code fallback} when absent. */
    public int positionalInt(int index, int fallback) throws UsageException {
        return index < positional.size() ? toInt("argument " + (index + 1), positional.get(index)) : fallback;
    }

    /** The value of option {@code name}, or {@code fallback} when absent. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** The value of option {@code name} as a number, or {@code fallback} when absent. */
    public int optionInt(String name, int fallback) throws UsageException {
        String value = options.get(name);
        return value == null ? fallback : toInt(name, value);
    }

    /** The value of option {@code name}, which must be given. */
    public String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    /** Whether option or switch {@code name} was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /**
     * Checks that nothing unexpected was given.
     *
     * @throws UsageException naming the first unknown option or the surplus positional arguments
     */
    public Args allow(int maxPositional, Set<String> known) throws UsageException {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
        }
        if (positional.size() > maxPositional) {
            throw new UsageException("unexpected arguments: " + positional.subList(maxPositional, positional.size()));
        }
        return this;
    }

    private static int toInt(String what, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw new UsageException(what + " must be a number: " + value);
        }
    }
}
