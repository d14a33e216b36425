package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/** Properties under {@code asyncoro.*} bind to nothing: most likely typos. */
public class UnknownAsyncoroPropertyException extends RuntimeException {

    private final List<UnknownAsyncoroProperty> properties;

    /** The failure of {@code properties}, none empty. */
    public UnknownAsyncoroPropertyException(List<UnknownAsyncoroProperty> properties) {
        super("Unknown asyncoro properties: "
                + properties.stream().map(UnknownAsyncoroProperty::name).collect(Collectors.joining(", ")));
        this.properties = List.copyOf(properties);
    }

    /** The unknown properties, in the order of their property sources. */
    public List<UnknownAsyncoroProperty> getProperties() {
        return this.properties;
    }
}
