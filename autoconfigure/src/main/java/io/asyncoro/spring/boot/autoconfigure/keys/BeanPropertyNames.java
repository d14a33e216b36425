package io.asyncoro.spring.boot.autoconfigure.keys;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The names a metadata property of a given type binds: itself, or for a map or list of objects (the
 * configuration processor's blind spot: {@code asyncoro.servers}) the objects' own properties, found the way
 * Boot's binder finds them (JavaBean getters and setters, nested objects through their getters, record
 * components).
 */
final class BeanPropertyNames {

    // Deep enough for server -> ssl, shallow enough that a self-referencing type cannot loop.
    private static final int MAX_DEPTH = 6;

    private final ClassLoader classLoader;

    BeanPropertyNames(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The patterns of the metadata property {@code name} whose type is written as {@code type}. */
    List<PropertyNamePattern> patterns(String name, String type) {
        List<PropertyNamePattern> patterns = new ArrayList<>();
        ResolvableType resolved = resolve(type);
        if (resolved == null) {
            // A type this class loader cannot see: accept anything below the name rather than guess.
            patterns.add(PropertyNamePattern.of(name, true));
        }
        else {
            expand(PropertyNamePattern.of(name, false), resolved, patterns, 0);
        }
        return patterns;
    }

    private void expand(PropertyNamePattern pattern, ResolvableType type, List<PropertyNamePattern> patterns,
            int depth) {
        Class<?> raw = type.resolve();
        if (raw == null || depth > MAX_DEPTH) {
            patterns.add(pattern.opened());
            return;
        }
        if (type.asMap() != ResolvableType.NONE) {
            ResolvableType value = type.asMap().getGeneric(1);
            if (isObject(value.resolve())) {
                expand(pattern.append(PropertyNamePattern.KEY, false), value, patterns, depth + 1);
            }
            else {
                // Keys of a map of plain values may hold dots (logging.level.org.example): anything below.
                patterns.add(pattern.opened());
            }
            return;
        }
        ResolvableType element = type.isArray() ? type.getComponentType()
                : (type.asCollection() != ResolvableType.NONE) ? type.asCollection().getGeneric(0) : null;
        if (element != null) {
            patterns.add(pattern);
            if (isObject(element.resolve())) {
                expand(pattern.append(PropertyNamePattern.INDEX, false), element, patterns, depth + 1);
            }
            return;
        }
        if (!isObject(raw)) {
            patterns.add(pattern);
            return;
        }
        for (Property property : properties(raw)) {
            expand(pattern.append(DataObjectPropertyName.toDashedForm(property.name()), false), property.type(),
                    patterns, depth + 1);
        }
    }

    private static List<Property> properties(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                properties.add(new Property(component.getName(),
                        ResolvableType.forMethodReturnType(component.getAccessor(), type)));
            }
            return properties;
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            ResolvableType propertyType = ResolvableType.forMethodReturnType(descriptor.getReadMethod(), type);
            Class<?> raw = propertyType.resolve(Object.class);
            // Boot binds through a setter, or into the object a getter returns (a nested group, a map, a list).
            boolean bindable = descriptor.getWriteMethod() != null || isObject(raw)
                    || Iterable.class.isAssignableFrom(raw) || java.util.Map.class.isAssignableFrom(raw);
            if (bindable) {
                properties.add(new Property(descriptor.getName(), propertyType));
            }
        }
        return properties;
    }

    /** Whether values of this type are objects with properties of their own, not single values. */
    private static boolean isObject(Class<?> type) {
        if (type == null || type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface()) {
            return false;
        }
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
            return false;
        }
        if (type.isRecord()) {
            return type.getRecordComponents().length > 0;
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getWriteMethod() != null) {
                return true;
            }
        }
        return false;
    }

    private ResolvableType resolve(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String trimmed = type.trim();
        int open = trimmed.indexOf('<');
        Class<?> raw = load(open < 0 ? trimmed : trimmed.substring(0, open));
        if (raw == null) {
            return null;
        }
        if (open < 0) {
            return ResolvableType.forClass(raw);
        }
        List<String> arguments = splitArguments(trimmed.substring(open + 1, trimmed.lastIndexOf('>')));
        ResolvableType[] generics = new ResolvableType[arguments.size()];
        for (int i = 0; i < generics.length; i++) {
            generics[i] = resolve(arguments.get(i));
            if (generics[i] == null) {
                return null;
            }
        }
        return (generics.length == raw.getTypeParameters().length)
                ? ResolvableType.forClassWithGenerics(raw, generics) : ResolvableType.forClass(raw);
    }

    private Class<?> load(String name) {
        try {
            return ClassUtils.forName(name, this.classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    private static List<String> splitArguments(String arguments) {
        List<String> split = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '<') {
                depth++;
            }
            else if (c == '>') {
                depth--;
            }
            else if (c == ',' && depth == 0) {
                split.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        split.add(arguments.substring(start));
        return split;
    }

    private record Property(String name, ResolvableType type) {
    }
}
