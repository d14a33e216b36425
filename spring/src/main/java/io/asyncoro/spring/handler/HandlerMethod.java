package io.asyncoro.spring.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.ReflectionUtils;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.convert.PayloadConverter;

/**
 * One handler method of a controller, with what each parameter receives worked out once at startup.
 */
public final class HandlerMethod {

    /** What a parameter receives. */
    enum Argument {
        CONNECTION, PAYLOAD, FAILURE, SOCKET, SENDER
    }

    private final Object bean;
    private final Method method;
    private final Argument[] arguments;
    private final Class<?> payloadType;
    private final PayloadConverter payloadReader;
    private final Class<?> failureType;

    HandlerMethod(Object bean, Method method, Argument[] arguments, PayloadConverter payloadReader) {
        this.bean = bean;
        this.method = method;
        this.arguments = arguments;
        this.payloadReader = payloadReader;
        Class<?> payload = null;
        Class<?> failure = null;
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] == Argument.PAYLOAD) {
                payload = method.getParameterTypes()[i];
            }
            if (arguments[i] == Argument.FAILURE) {
                failure = method.getParameterTypes()[i];
            }
        }
        this.payloadType = payload;
        this.failureType = failure;
        ReflectionUtils.makeAccessible(method);
    }

    /** The method as {@code Class.name(ParamTypes)}, for messages. */
    public static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    /** The method. */
    public Method method() {
        return this.method;
    }

    /** Whether the method returns something to send. */
    boolean returnsValue() {
        return this.method.getReturnType() != void.class;
    }

    /** Whether the method takes failures of this kind ({@link OnError} methods). */
    boolean accepts(Throwable failure) {
        return this.failureType == null || this.failureType.isInstance(failure);
    }

    /**
     * Calls the method.
     *
     * @return its result, {@code null} for none
     * @throws Exception what the method threw, unwrapped
     */
    Object invoke(AsyncConnection connection, byte[] payload, Throwable failure, AsyncSocket socket,
            InetSocketAddress sender) throws Exception {
        Object[] args = new Object[this.arguments.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (this.arguments[i]) {
                case CONNECTION -> connection;
                case PAYLOAD -> this.payloadReader.read(payload, this.payloadType);
                case FAILURE -> failure;
                case SOCKET -> socket;
                case SENDER -> sender;
            };
        }
        try {
            return this.method.invoke(this.bean, args);
        }
        catch (InvocationTargetException ex) {
            Throwable target = ex.getTargetException();
            if (target instanceof Exception exception) {
                throw exception;
            }
            if (target instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    @Override
    public String toString() {
        return describe(this.method);
    }
}
