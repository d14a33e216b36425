package io.asyncoro.spring.boot.autoconfigure.keys;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Keeps the configuration metadata files in a native image: {@link KnownPropertyNames} reads them at startup
 * to tell known {@code asyncoro.*} keys from typos.
 */
public final class KnownPropertyNamesRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern(KnownPropertyNames.METADATA);
        hints.resources().registerPattern(KnownPropertyNames.ADDITIONAL_METADATA);
    }
}
