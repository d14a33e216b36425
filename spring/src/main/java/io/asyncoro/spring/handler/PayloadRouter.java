package io.asyncoro.spring.handler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.asyncoro.spring.convert.PayloadConversionException;
import io.asyncoro.spring.convert.PayloadConverter;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.convert.UnroutablePayloadException;

/**
 * Sends each message of a controller with several {@code @OnMessage} methods to the one whose payload type it
 * is. The rule:
 * <ol>
 * <li>Each method's payload type is read by the first converter that reads that type (as for a single method).
 * <li>A message is offered to the converters of those types in converter order ({@code byte[]}, {@code String},
 * the application's converters, JSON); the first whose read succeeds decides, and a converter that throws
 * {@link PayloadConversionException} passes the message on to the next.
 * <li>A converter may serve one of the types only, except JSON, which tells several apart when they share a
 * supertype annotated with Jackson's {@code @JsonTypeInfo}: the message is read as that supertype (its type
 * property picks the subtype) and goes to the method whose parameter type is the value's class, or else the
 * one with the nearest supertype of it.
 * <li>{@code byte[]}, {@code String} and {@code CharSequence} take every payload, so they cannot share a
 * controller with other {@code @OnMessage} methods; neither can two methods of the same type.
 * <li>A message no converter reads as any of the types is an {@link UnroutablePayloadException}.
 * </ol>
 * A set breaking rule 3 or 4 fails startup ({@link InvalidHandlerMethodException}).
 */
final class PayloadRouter {

    private static final String JSON_TYPE_INFO = "com.fasterxml.jackson.annotation.JsonTypeInfo";

    /** A message's method and its converted payload. */
    record Route(HandlerMethod method, Object payload) {
    }

    /** The methods one converter reads for, and the type it reads a message as. */
    private record Group(PayloadConverter converter, Class<?> readType, List<HandlerMethod> methods) {

        Route route(byte[] payload) {
            Object value = this.converter.read(payload, this.readType);
            for (HandlerMethod m : this.methods) {
                if (m.payloadType() == value.getClass()) {
                    return new Route(m, value);
                }
            }
            HandlerMethod nearest = null;
            for (HandlerMethod m : this.methods) {
                if (m.payloadType().isInstance(value)
                        && (nearest == null || nearest.payloadType().isAssignableFrom(m.payloadType()))) {
                    nearest = m;
                }
            }
            if (nearest != null) {
                return new Route(nearest, value);
            }
            throw new PayloadConversionException("read as " + value.getClass().getName()
                    + ", which no @OnMessage method takes");
        }
    }

    private final List<HandlerMethod> methods;
    private final Group[] groups;
    private final String types;

    private PayloadRouter(List<HandlerMethod> methods, List<Group> groups) {
        this.methods = List.copyOf(methods);
        this.groups = groups.toArray(Group[]::new);
        this.types = methods.stream().map(m -> m.payloadType().getSimpleName()).collect(Collectors.joining(", "));
    }

    /**
     * A router over {@code methods}, all {@code @OnMessage} methods of one controller.
     *
     * @throws InvalidHandlerMethodException when the set is ambiguous
     */
    static PayloadRouter of(List<HandlerMethod> methods, PayloadConverters converters) {
        Map<PayloadConverter, List<HandlerMethod>> byConverter = new LinkedHashMap<>();
        for (PayloadConverter converter : converters.all()) {
            byConverter.put(converter, new ArrayList<>());
        }
        Map<Class<?>, HandlerMethod> byType = new LinkedHashMap<>();
        for (HandlerMethod method : methods) {
            Class<?> type = method.payloadType();
            if (type == null) {
                throw ambiguous(method, "with several @OnMessage methods, each must take a payload to be told apart by");
            }
            if (type == byte[].class || type == String.class || type == CharSequence.class) {
                throw ambiguous(method, "a " + type.getSimpleName() + " payload takes every message, so no other "
                        + "@OnMessage method would ever be called");
            }
            HandlerMethod same = byType.put(type, method);
            if (same != null) {
                throw ambiguous(method, "it takes the same payload type as " + same);
            }
            byConverter.get(method.payloadReader()).add(method);
        }
        List<Group> groups = new ArrayList<>();
        byConverter.forEach((converter, group) -> {
            if (group.size() == 1) {
                groups.add(new Group(converter, group.get(0).payloadType(), group));
            }
            else if (group.size() > 1) {
                groups.add(new Group(converter, commonTypeInfoBase(group), group));
            }
        });
        return new PayloadRouter(methods, groups);
    }

    /** The methods routed between, in declaration order. */
    List<HandlerMethod> methods() {
        return this.methods;
    }

    /**
     * The method for {@code payload}.
     *
     * @throws UnroutablePayloadException when no method takes it
     */
    Route route(byte[] payload) {
        PayloadConversionException last = null;
        for (Group group : this.groups) {
            try {
                return group.route(payload);
            }
            catch (PayloadConversionException ex) {
                last = ex;
            }
        }
        throw new UnroutablePayloadException("no @OnMessage method takes the message (payload types: " + this.types
                + "): " + (last != null ? last.getMessage() : "no converter read it"), last);
    }

    private static Class<?> commonTypeInfoBase(List<HandlerMethod> group) {
        Class<?> first = group.get(0).payloadType();
        for (Class<?> candidate : supertypes(first)) {
            if (hasJsonTypeInfo(candidate) && group.stream().allMatch(m -> candidate.isAssignableFrom(m.payloadType()))) {
                return candidate;
            }
        }
        throw ambiguous(group.get(1), "the converter " + group.get(0).payloadReader().getClass().getSimpleName()
                + " reads every one of " + group.stream().map(m -> m.payloadType().getSimpleName()).toList()
                + " and cannot tell which a message is; give them a common supertype annotated with Jackson's "
                + "@JsonTypeInfo (a type property) for JSON, or use one @OnMessage method");
    }

    private static List<Class<?>> supertypes(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.add(c);
            addInterfaces(c, all);
        }
        return all;
    }

    private static void addInterfaces(Class<?> type, List<Class<?>> all) {
        for (Class<?> i : type.getInterfaces()) {
            if (!all.contains(i)) {
                all.add(i);
                addInterfaces(i, all);
            }
        }
    }

    private static boolean hasJsonTypeInfo(Class<?> type) {
        for (var annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(JSON_TYPE_INFO)) {
                return true;
            }
        }
        return false;
    }

    private static InvalidHandlerMethodException ambiguous(HandlerMethod method, String reason) {
        return new InvalidHandlerMethodException(method.toString(), "its controller's @OnMessage methods are "
                + "ambiguous: " + reason);
    }

    @Override
    public String toString() {
        return "@OnMessage methods by payload type (" + this.types + ")";
    }
}
