package io.asyncoro.spring.boot.autoconfigure;

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
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

import io.asyncoro.spring.boot.autoconfigure.testsupport.MergedMetadata;

/**
 * The configuration metadata IDEs read describes every per-server setting: walking the getters of
 * {@link AsyncoroProperties.Server} and {@link AsyncoroProperties.Ssl}, each bindable property has an
 * {@code asyncoro.servers.*.<name>} entry with a description, and the default it really has. A setting added
 * without metadata, or a default changed in one place only, fails here.
 */
class ServerPropertiesMetadataTests {

    private static final String SERVER = "asyncoro.servers.*.";

    private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

    private static Map<String, Map<String, Object>> properties;

    private static List<Map<String, Object>> hints;

    @BeforeAll
    static void readMergedMetadata() throws IOException {
        MergedMetadata metadata = MergedMetadata.read();
        properties = metadata.properties();
        hints = metadata.hints();
    }

    @Test
    void everyServerSettingHasADescriptionAndItsRealDefault() {
        List<String> checked = new ArrayList<>();
        checkBean(SERVER, new AsyncoroProperties.Server(), checked);
        assertThat(checked).contains(SERVER + "port", SERVER + "framing", SERVER + "max-connections",
                SERVER + "ssl.enabled", SERVER + "ssl.client-auth", SERVER + "ssl.protocols",
                SERVER + "ssl.provider");
    }

    @Test
    void theMapItselfIsTypedWithItsValueClassForIdesThatIntrospectIt() {
        assertThat(properties.get("asyncoro.servers")).containsEntry("type",
                "java.util.Map<java.lang.String,io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties$Server>");
    }

    @Test
    void enumsAndSizesHaveValueHints() {
        assertThat(hintValues(SERVER + "framing")).containsExactly("message", "line", "raw", "crlf", "stx-etx", "delimiter",
                "fixed", "length-field");
        assertThat(hintValues(SERVER + "protocol")).containsExactly("tcp", "udp");
        assertThat(hintValues(SERVER + "ssl.client-auth")).containsExactly("none", "want", "need");
        assertThat(hintValues(SERVER + "ssl.provider")).containsExactly("jdk", "openssl");
        assertThat(hintValues(SERVER + "max-message-size")).contains("64KB", "1MB");
        for (String value : hintValues(SERVER + "max-message-size")) {
            assertThat(conversion.convert(value, org.springframework.util.unit.DataSize.class)).isNotNull();
        }
    }

    @Test
    void healthIndicatorSwitchIsDescribed() {
        assertThat(properties.get("management.health.asyncoro.enabled")).containsEntry("defaultValue", true)
            .containsKey("description");
    }

    private void checkBean(String prefix, Object bean, List<String> checked) {
        BeanWrapperImpl wrapper = new BeanWrapperImpl(bean);
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
            Object value = wrapper.getPropertyValue(descriptor.getName());
            if (descriptor.getWriteMethod() == null) {
                // A nested group bound through its getter, such as ssl.
                checkBean(name + ".", value, checked);
                continue;
            }
            Map<String, Object> entry = properties.get(name);
            assertThat(entry).as("metadata entry for %s", name).isNotNull();
            assertThat((String) entry.get("description")).as("description of %s", name).isNotBlank();
            assertThat(entry.get("type")).as("type of %s", name).isNotNull();
            if (value == null) {
                assertThat(entry).as("%s has no default", name).doesNotContainKey("defaultValue");
            }
            else {
                assertThat(entry).as("default of %s", name).containsKey("defaultValue");
                Object converted = conversion.convert(entry.get("defaultValue"), TypeDescriptor.forObject(
                        entry.get("defaultValue")), wrapper.getPropertyTypeDescriptor(descriptor.getName()));
                assertThat(converted).as("default of %s", name).isEqualTo(value);
            }
            checked.add(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> hintValues(String name) {
        return hints.stream()
            .filter((hint) -> name.equals(hint.get("name")))
            .flatMap((hint) -> ((List<Map<String, Object>>) hint.get("values")).stream())
            .map((value) -> (String) value.get("value"))
            .toList();
    }
}
