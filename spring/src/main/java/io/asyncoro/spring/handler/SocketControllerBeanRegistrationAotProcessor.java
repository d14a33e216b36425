package io.asyncoro.spring.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.ConnectionHandler;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;

/**
 * Runtime hints for {@link SocketController} beans, for AOT-processed applications and native images: the
 * {@link SocketControllerRegistry} finds handler methods by reflection and calls them reflectively, and a JSON
 * payload converter reads and writes payload types reflectively. So each handler method gets an invoke hint,
 * and each payload parameter and return type (a record or JavaBean) gets binding hints. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class SocketControllerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    private static final List<Class<? extends Annotation>> HANDLER_ANNOTATIONS = List.of(OnConnect.class,
            OnMessage.class, OnDisconnect.class, OnError.class, ConnectionHandler.class);

    // What the registry supplies itself, rather than converts from bytes: no binding hints needed.
    private static final List<Class<?>> SUPPLIED = List.of(AsyncConnection.class, AsyncSocket.class,
            InetSocketAddress.class, Throwable.class, String.class, byte[].class);

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> type = ClassUtils.getUserClass(registeredBean.getBeanClass());
        if (!AnnotatedElementUtils.hasAnnotation(type, SocketController.class)) {
            return null;
        }
        return (generationContext, code) -> registerHints(generationContext.getRuntimeHints().reflection(), type);
    }

    /** Registers the hints of one controller type. */
    static void registerHints(ReflectionHints hints, Class<?> controller) {
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        ReflectionUtils.doWithMethods(controller, (method) -> {
            hints.registerMethod(method, ExecutableMode.INVOKE);
            for (Type parameter : method.getGenericParameterTypes()) {
                registerPayload(bindings, hints, parameter);
            }
            registerPayload(bindings, hints, method.getGenericReturnType());
        }, SocketControllerBeanRegistrationAotProcessor::isHandler);
    }

    private static boolean isHandler(Method method) {
        return HANDLER_ANNOTATIONS.stream().anyMatch((annotation) -> AnnotatedElementUtils.hasAnnotation(method, annotation));
    }

    private static void registerPayload(BindingReflectionHintsRegistrar bindings, ReflectionHints hints, Type type) {
        Class<?> raw = ResolvableType.forType(type).resolve();
        if (raw == null || raw.isPrimitive() || raw == Void.class
                || SUPPLIED.stream().anyMatch((supplied) -> supplied.isAssignableFrom(raw))) {
            return;
        }
        bindings.registerReflectionHints(hints, type);
    }
}
