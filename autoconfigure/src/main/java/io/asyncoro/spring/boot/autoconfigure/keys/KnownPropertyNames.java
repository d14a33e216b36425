package io.asyncoro.spring.boot.autoconfigure.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every property name under a prefix that some module on the class path documents in its configuration
 * metadata ({@code META-INF/spring-configuration-metadata.json} and
 * {@code META-INF/additional-spring-configuration-metadata.json}): whatever binds under {@code asyncoro.*},
 * whichever module added it. A property whose type is a map or list of objects, which the metadata cannot
 * describe, stands for the objects' own properties ({@link BeanPropertyNames}).
 */
public final class KnownPropertyNames {

    /** The configuration processor's output, with the additional metadata merged in. */
    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** Metadata written by hand, for what the processor cannot see. */
    static final String ADDITIONAL_METADATA = "META-INF/additional-spring-configuration-metadata.json";

    private static final String[] LOCATIONS = { "classpath*:" + METADATA, "classpath*:" + ADDITIONAL_METADATA };

    private final List<PropertyNamePattern> patterns;

    private KnownPropertyNames(List<PropertyNamePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The names under {@code prefix} (for example {@code asyncoro}) in the metadata {@code classLoader} sees. */
    public static KnownPropertyNames load(ClassLoader classLoader, String prefix) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        BeanPropertyNames beans = new BeanPropertyNames(classLoader);
        Set<String> seen = new LinkedHashSet<>();
        List<PropertyNamePattern> patterns = new ArrayList<>();
        try {
            for (String location : LOCATIONS) {
                for (Resource resource : resolver.getResources(location)) {
                    for (ConfigurationMetadataProperty property : properties(resource, prefix)) {
                        String name = property.getId();
                        if (name != null && name.startsWith(prefix + ".") && seen.add(name)) {
                            patterns.addAll(beans.patterns(name, property.getType()));
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the configuration metadata on the class path", ex);
        }
        return new KnownPropertyNames(patterns);
    }

    private static Collection<ConfigurationMetadataProperty> properties(Resource resource, String prefix)
            throws IOException {
        byte[] json;
        try (InputStream in = resource.getInputStream()) {
            json = in.readAllBytes();
        }
        if (!new String(json, StandardCharsets.UTF_8).contains("\"" + prefix + ".")) {
            // Only files that name our properties are read: another library's metadata cannot stop startup.
            return List.of();
        }
        ConfigurationMetadataRepository repository = ConfigurationMetadataRepositoryJsonBuilder
            .create(StandardCharsets.UTF_8)
            .withJsonResource(new ByteArrayInputStream(json))
            .build();
        return repository.getAllProperties().values();
    }

    /** Whether no metadata names any property under the prefix (the files were left out of the build). */
    public boolean isEmpty() {
        return this.patterns.isEmpty();
    }

    /**
     * Whether {@code name} binds to a known property.
     *
     * @param environmentVariable whether it came from an environment variable ({@code MAX_CONNECTIONS})
     */
    public boolean contains(ConfigurationPropertyName name, boolean environmentVariable) {
        return this.patterns.stream().anyMatch((pattern) -> pattern.matches(name, environmentVariable));
    }

    /** The known name nearest to {@code name} by edit distance, written with {@code name}'s map keys. */
    public Optional<String> nearest(ConfigurationPropertyName name) {
        String written = name.toString();
        return this.patterns.stream()
            .map((pattern) -> pattern.renderFor(name))
            .min(Comparator.comparingInt((String candidate) -> EditDistance.between(written, candidate)));
    }

    @Override
    public String toString() {
        return this.patterns.toString();
    }
}
