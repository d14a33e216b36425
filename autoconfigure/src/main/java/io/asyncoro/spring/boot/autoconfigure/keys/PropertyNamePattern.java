package io.asyncoro.spring.boot.autoconfigure.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * One valid property name, with {@code *} for a map key and {@code []} for a list index, for example
 * {@code asyncoro.servers.*.ssl.protocols[]}. An open pattern also accepts every name below it (a map of
 * plain values, whose keys are the user's).
 */
final class PropertyNamePattern {

    /** Stands for one map key: any element. */
    static final String KEY = "*";

    /** Stands for one list index. */
    static final String INDEX = "[]";

    private final List<String> elements;
    private final boolean open;

    private PropertyNamePattern(List<String> elements, boolean open) {
        this.elements = List.copyOf(elements);
        this.open = open;
    }

    /** The pattern of a metadata name such as {@code asyncoro.servers.*.port}; {@code open} as above. */
    static PropertyNamePattern of(String name, boolean open) {
        List<String> elements = new ArrayList<>();
        for (String element : name.split("\\.")) {
            if (element.endsWith(INDEX)) {
                elements.add(element.substring(0, element.length() - INDEX.length()));
                elements.add(INDEX);
            }
            else {
                elements.add(element);
            }
        }
        return new PropertyNamePattern(elements, open);
    }

    /** This pattern followed by {@code element}. */
    PropertyNamePattern append(String element, boolean open) {
        List<String> longer = new ArrayList<>(this.elements);
        longer.add(element);
        return new PropertyNamePattern(longer, open);
    }

    /** This pattern, accepting every name below it too. */
    PropertyNamePattern opened() {
        return new PropertyNamePattern(this.elements, true);
    }

    /**
     * Whether {@code name} binds to this pattern, or is a group on the way to it (an empty YAML map).
     *
     * @param environmentVariable whether the name came from an environment variable, whose {@code _}
     * stands for both {@code .} and {@code -} ({@code ASYNCORO_SERVERS_KV_MAX_CONNECTIONS})
     */
    boolean matches(ConfigurationPropertyName name, boolean environmentVariable) {
        return matches(name, environmentVariable, 0, 0);
    }

    private boolean matches(ConfigurationPropertyName name, boolean environmentVariable, int pattern, int candidate) {
        int size = name.getNumberOfElements();
        if (pattern == this.elements.size()) {
            return this.open || onlyIndexesFrom(name, candidate);
        }
        if (candidate == size) {
            // A group with no value of its own (an empty YAML map); environment variables never are one.
            return !environmentVariable;
        }
        String element = this.elements.get(pattern);
        if (element.equals(KEY)) {
            // An environment variable cannot tell a key's own _ from a separator: let the key take several.
            int longest = environmentVariable ? size - candidate : 1;
            for (int taken = 1; taken <= longest; taken++) {
                if (matches(name, environmentVariable, pattern + 1, candidate + taken)) {
                    return true;
                }
            }
            return false;
        }
        if (element.equals(INDEX)) {
            return name.isNumericIndex(candidate) && matches(name, environmentVariable, pattern + 1, candidate + 1);
        }
        String wanted = uniform(element);
        StringBuilder joined = new StringBuilder();
        for (int next = candidate; next < size; next++) {
            joined.append(name.getElement(next, Form.UNIFORM));
            if (joined.length() >= wanted.length() || !environmentVariable) {
                return joined.toString().equals(wanted)
                        && matches(name, environmentVariable, pattern + 1, next + 1);
            }
        }
        return false;
    }

    private static boolean onlyIndexesFrom(ConfigurationPropertyName name, int from) {
        for (int i = from; i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This pattern written for {@code name}: each map key taken from the name where the name has one, so that
     * {@code asyncoro.servers.kv.prot} is compared with {@code asyncoro.servers.kv.port}.
     */
    String renderFor(ConfigurationPropertyName name) {
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i < this.elements.size(); i++) {
            String element = this.elements.get(i);
            if (element.equals(INDEX)) {
                rendered.append("[0]");
                continue;
            }
            if (element.equals(KEY) && i < name.getNumberOfElements()) {
                element = name.getElement(i, Form.ORIGINAL);
            }
            rendered.append(rendered.isEmpty() ? "" : ".").append(element);
        }
        return rendered.toString();
    }

    private static String uniform(String element) {
        return element.replace("-", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(".", this.elements).replace(".[]", "[]") + (this.open ? ".**" : "");
    }
}
