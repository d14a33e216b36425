package io.asyncoro.spring.boot.autoconfigure.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;

import io.asyncoro.spring.boot.autoconfigure.testsupport.MergedMetadata;

/**
 * The configuration metadata describes every per-client setting, as it does the servers': each bindable
 * property of {@link AsyncoroClientProperties.Client} (its nested groups included) has an
 * {@code asyncoro.clients.*.<name>} entry with a description and a type, and a default when it has one.
 */
class ClientPropertiesMetadataTests {

    private static final String CLIENT = "asyncoro.clients.*.";

    private static Map<String, Map<String, Object>> properties;

    @BeforeAll
    static void readMergedMetadata() throws IOException {
        properties = MergedMetadata.read().properties();
    }

    @Test
    void everyClientSettingHasADescriptionAndItsDefault() {
        List<String> checked = new ArrayList<>();
        check(CLIENT, new AsyncoroClientProperties.Client(), checked);
        assertThat(checked).contains(CLIENT + "host", CLIENT + "addresses", CLIENT + "framing",
                CLIENT + "length-field.length", CLIENT + "ssl.bundle", CLIENT + "ssl.provider", CLIENT + "pool.max-size",
                CLIENT + "reconnect.jitter");
        assertThat(properties.get("management.health.asyncoro-clients.enabled")).containsKey("description");
    }

    private void check(String prefix, Object bean, List<String> checked) {
        BeanWrapperImpl wrapper = new BeanWrapperImpl(bean);
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + dashed(descriptor.getName());
            Object value = wrapper.getPropertyValue(descriptor.getName());
            if (descriptor.getWriteMethod() == null && !(value instanceof List)) {
                // A nested group bound through its getter, such as pool.
                check(name + ".", value, checked);
                continue;
            }
            Map<String, Object> entry = properties.get(name);
            assertThat(entry).as("metadata entry for %s", name).isNotNull();
            assertThat((String) entry.get("description")).as("description of %s", name).isNotBlank();
            assertThat(entry.get("type")).as("type of %s", name).isNotNull();
            boolean hasDefault = value != null && !(value instanceof List<?> list && list.isEmpty());
            assertThat(entry.containsKey("defaultValue")).as("default of %s given", name).isEqualTo(hasDefault);
            checked.add(name);
        }
    }

    private static String dashed(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase();
    }
}
