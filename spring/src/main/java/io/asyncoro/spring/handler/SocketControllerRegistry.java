package io.asyncoro.spring.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
import io.asyncoro.spring.convert.PayloadConverter;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.handler.InvalidHandlerMethodException;
import io.asyncoro.spring.handler.MissingHandlerException;
import io.asyncoro.spring.handler.UnknownServerException;
import io.asyncoro.spring.server.Protocol;

/**
 * Finds the {@link SocketController} beans once every singleton exists, checks each handler method's
 * signature against its server, and fails startup when a controller names an unconfigured server, a
 * configured server has no controller, or a method cannot be served.
 */
public class SocketControllerRegistry implements SmartInitializingSingleton, BeanFactoryAware {

    private static final List<Class<? extends Annotation>> HANDLER_ANNOTATIONS = List.of(OnConnect.class,
            OnMessage.class, OnDisconnect.class, OnError.class, ConnectionHandler.class);

    private final Map<String, Protocol> servers;
    private final PayloadConverters converters;
    private final Map<String, SocketControllerMethods> controllers = new LinkedHashMap<>();
    private ListableBeanFactory beanFactory;

    /**
     * A registry checking controllers against the configured servers.
     *
     * @param servers every configured server's name and protocol
     */
    public SocketControllerRegistry(Map<String, Protocol> servers, PayloadConverters converters) {
        this.servers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        this.converters = converters;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (ListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String beanName : this.beanFactory.getBeanNamesForAnnotation(SocketController.class)) {
            Object bean = this.beanFactory.getBean(beanName);
            register(beanName, bean);
        }
        for (String server : this.servers.keySet()) {
            if (!this.controllers.containsKey(server)) {
                throw new MissingHandlerException(server);
            }
        }
    }

    /** The controller of a server, once startup has found it. */
    public Optional<SocketControllerMethods> controllerFor(String serverName) {
        return Optional.ofNullable(this.controllers.get(serverName));
    }

    /**
     * Checks and adds one controller.
     *
     * @throws UnknownServerException when it names a server not configured
     * @throws InvalidHandlerMethodException when a method cannot be served
     */
    void register(String beanName, Object bean) {
        Class<?> type = ClassUtils.getUserClass(bean);
        SocketController annotation = AnnotatedElementUtils.findMergedAnnotation(type, SocketController.class);
        String server = annotation != null ? annotation.value() : "";
        String controller = beanName + " (" + type.getName() + ")";
        if (server.isEmpty()) {
            throw new InvalidHandlerMethodException(type.getSimpleName(),
                    "@SocketController needs the name of a server under asyncoro.servers, for example @SocketController(\"chat\")");
        }
        Protocol protocol = this.servers.get(server);
        if (protocol == null) {
            throw new UnknownServerException(server, controller, this.servers.keySet());
        }
        SocketControllerMethods existing = this.controllers.get(server);
        if (existing != null) {
            throw new InvalidHandlerMethodException(type.getSimpleName(), "server '" + server
                    + "' is already served by controller '" + existing.beanName() + "'; one controller per server");
        }
        Map<Class<? extends Annotation>, HandlerMethod> found = new LinkedHashMap<>();
        List<HandlerMethod> onMessages = new ArrayList<>();
        ReflectionUtils.doWithMethods(type, method -> {
            for (Class<? extends Annotation> kind : HANDLER_ANNOTATIONS) {
                if (AnnotatedElementUtils.hasAnnotation(method, kind)) {
                    if (kind == OnMessage.class) {
                        // Several are allowed when their payload types tell them apart (PayloadRouter).
                        onMessages.add(resolve(bean, method, kind, protocol));
                        continue;
                    }
                    if (found.containsKey(kind)) {
                        throw new InvalidHandlerMethodException(HandlerMethod.describe(method), "the controller has two @"
                                + kind.getSimpleName() + " methods (" + found.get(kind) + " is the other)");
                    }
                    found.put(kind, resolve(bean, method, kind, protocol));
                }
            }
        }, ReflectionUtils.USER_DECLARED_METHODS);
        if (onMessages.size() == 1) {
            found.put(OnMessage.class, onMessages.get(0));
        }
        else if (onMessages.size() > 1) {
            onMessages.sort(Comparator.comparing(m -> m.method().toGenericString()));
            found.put(OnMessage.class, HandlerMethod.routing(PayloadRouter.of(onMessages, this.converters)));
        }
        if (found.isEmpty()) {
            throw new InvalidHandlerMethodException(type.getSimpleName(), "a @SocketController needs an @OnMessage "
                    + "or a @ConnectionHandler method (or @OnConnect/@OnDisconnect/@OnError)");
        }
        HandlerMethod whole = found.get(ConnectionHandler.class);
        if (whole != null && found.size() > 1) {
            throw new InvalidHandlerMethodException(whole.toString(),
                    "a @ConnectionHandler serves the whole connection; the controller cannot also have "
                            + found.keySet().stream().filter(k -> k != ConnectionHandler.class)
                                .map(k -> "@" + k.getSimpleName()).toList() + " methods");
        }
        if (protocol == Protocol.UDP && found.get(OnMessage.class) == null) {
            throw new InvalidHandlerMethodException(type.getSimpleName(),
                    "server '" + server + "' is a udp server: its controller needs an @OnMessage method");
        }
        this.controllers.put(server, new SocketControllerMethods(server, beanName, found.get(OnConnect.class),
                found.get(OnMessage.class), found.get(OnDisconnect.class), found.get(OnError.class), whole));
    }

    private HandlerMethod resolve(Object bean, Method method, Class<? extends Annotation> kind, Protocol protocol) {
        String name = HandlerMethod.describe(method);
        if (Modifier.isStatic(method.getModifiers())) {
            throw new InvalidHandlerMethodException(name, "a handler method must not be static");
        }
        if (protocol == Protocol.UDP && kind != OnMessage.class) {
            throw new InvalidHandlerMethodException(name, "@" + kind.getSimpleName()
                    + " is not available on a udp server (UDP has no connections); use @OnMessage");
        }
        Class<?>[] types = method.getParameterTypes();
        HandlerMethod.Argument[] arguments = new HandlerMethod.Argument[types.length];
        PayloadConverter reader = null;
        for (int i = 0; i < types.length; i++) {
            Class<?> p = types[i];
            HandlerMethod.Argument argument;
            if (p == AsyncConnection.class && kind != ConnectionHandler.class) {
                argument = HandlerMethod.Argument.CONNECTION;
            }
            else if (kind == OnError.class && Throwable.class.isAssignableFrom(p)) {
                argument = HandlerMethod.Argument.FAILURE;
            }
            else if (kind == ConnectionHandler.class && p == AsyncSocket.class) {
                argument = HandlerMethod.Argument.SOCKET;
            }
            else if (kind == OnMessage.class && p == InetSocketAddress.class) {
                argument = HandlerMethod.Argument.SENDER;
            }
            else if (kind == OnMessage.class && reader == null) {
                reader = this.converters.readerFor(p).orElseThrow(() -> new InvalidHandlerMethodException(name,
                        "no payload converter reads a " + p.getName() + " (payloads convert to byte[], String, "
                                + "a type a PayloadConverter bean reads, or JSON when Jackson is present)"));
                argument = HandlerMethod.Argument.PAYLOAD;
            }
            else {
                throw new InvalidHandlerMethodException(name, "parameter " + (i + 1) + " (" + p.getSimpleName()
                        + ") cannot be supplied to an @" + kind.getSimpleName() + " method; it may take "
                        + allowedParameters(kind));
            }
            if (contains(arguments, argument)) {
                throw new InvalidHandlerMethodException(name, "it takes two " + argument.name().toLowerCase()
                        + " parameters; it may take " + allowedParameters(kind));
            }
            arguments[i] = argument;
        }
        if (kind == ConnectionHandler.class && !contains(arguments, HandlerMethod.Argument.SOCKET)) {
            throw new InvalidHandlerMethodException(name, "a @ConnectionHandler method takes the AsyncSocket");
        }
        Class<?> returnType = method.getReturnType();
        boolean returnsReply = kind == OnMessage.class || kind == OnConnect.class || kind == OnError.class;
        if (returnType != void.class && !returnsReply) {
            throw new InvalidHandlerMethodException(name, "an @" + kind.getSimpleName() + " method returns void");
        }
        if (returnType != void.class && returnType != Object.class && !this.converters.canWrite(returnType)) {
            throw new InvalidHandlerMethodException(name, "no payload converter writes its return type "
                    + returnType.getName() + " (return byte[], String, or add Jackson for JSON)");
        }
        return new HandlerMethod(bean, method, arguments, reader);
    }

    private static boolean contains(HandlerMethod.Argument[] arguments, HandlerMethod.Argument wanted) {
        for (HandlerMethod.Argument a : arguments) {
            if (a == wanted) {
                return true;
            }
        }
        return false;
    }

    private static String allowedParameters(Class<? extends Annotation> kind) {
        if (kind == OnMessage.class) {
            return "one payload (byte[], String or a converted type), AsyncConnection, InetSocketAddress";
        }
        if (kind == OnError.class) {
            return "AsyncConnection and a Throwable";
        }
        if (kind == ConnectionHandler.class) {
            return "only the AsyncSocket";
        }
        return "only AsyncConnection";
    }
}
