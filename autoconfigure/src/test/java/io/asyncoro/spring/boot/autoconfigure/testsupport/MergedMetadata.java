package io.asyncoro.spring.boot.autoconfigure.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration metadata as IDEs read it: every {@code META-INF/spring-configuration-metadata.json} on the
 * class path (the processor's output with the additional metadata merged in).
 *
 * @param properties the property entries by name, the first seen winning
 * @param hints every hint entry
 */
public record MergedMetadata(Map<String, Map<String, Object>> properties, List<Map<String, Object>> hints) {

    /** Reads the metadata the test class path holds. */
    @SuppressWarnings("unchecked")
    public static MergedMetadata read() throws IOException {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        for (URL url : Collections.list(MergedMetadata.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                Map<String, Object> metadata = JsonParserFactory.getJsonParser()
                    .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (Object property : (List<Object>) metadata.getOrDefault("properties", List.of())) {
                    Map<String, Object> entry = (Map<String, Object>) property;
                    properties.putIfAbsent((String) entry.get("name"), entry);
                }
                hints.addAll((List<Map<String, Object>>) (List<?>) metadata.getOrDefault("hints", List.of()));
            }
        }
        return new MergedMetadata(properties, hints);
    }
}
