package io.asyncoro.spring.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.asyncoro.AsynCoro;
import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.ServerObserver;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.convert.PayloadConverters;
import io.asyncoro.spring.connection.ConnectionInterceptor;
import io.asyncoro.spring.event.ConnectionEvents;
import io.asyncoro.spring.handler.AnnotatedConnectionHandler;
import io.asyncoro.spring.handler.AnnotatedDatagramHandler;
import io.asyncoro.spring.handler.InterceptingConnectionHandler;
import io.asyncoro.spring.handler.MessageInterceptorChain;
import io.asyncoro.spring.handler.MissingHandlerException;
import io.asyncoro.spring.handler.SocketControllerMethods;
import io.asyncoro.spring.handler.SocketControllerRegistry;

/**
 * Starts the servers under {@code asyncoro.servers} once the context is refreshed and stops them before it
 * closes. The stop is asynchronous ({@link #stop(Runnable)}) and runs in the phase of Boot's web server
 * graceful shutdown, so socket servers drain while the web server drains, not after it: each server stops
 * accepting, lets its handlers finish for its {@code shutdown-grace-period} capped by the shutdown phase
 * timeout ({@code spring.lifecycle.timeout-per-shutdown-phase}, see {@link #setShutdownPhaseTimeout}),
 * servers in parallel, then closes what remains. While servers run, a non-daemon thread keeps the JVM alive,
 * as Boot's web servers do.
 */
public class AsyncoroServersLifecycle implements SmartLifecycle, ApplicationContextAware {

    /**
     * Boot's web server graceful shutdown phase ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE},
     * not referenced to keep this module free of Boot): late to start, early to stop, and stopped together
     * with the web server's graceful drain.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    /** The name of the property source holding {@code local.asyncoro.servers.<name>.port}. */
    public static final String PORTS_PROPERTY_SOURCE = "asyncoro.server.ports";

    private static final Log logger = LogFactory.getLog(AsyncoroServersLifecycle.class);

    private final Supplier<? extends Collection<SocketServerSettings>> settings;
    private final Map<String, Duration> gracePeriods = new ConcurrentHashMap<>();
    private final ManagedAsyncoroServers servers;
    private final AsyncSocketServerFactory factory;
    private final SocketControllerRegistry controllers;
    private final ConnectionRegistry connections;
    private final PayloadConverters converters;
    private final MessageInterceptorChain interceptors;
    private final AsynCoro asyncoro;
    private final Object monitor = new Object();
    private final List<AsyncSocketServerInfo> running = new ArrayList<>();
    // Servers the application built, waiting for start() when handed over before it.
    private final List<AsyncSocketServerInfo> pending = new ArrayList<>();
    private boolean started;
    private ApplicationContext applicationContext;
    private Thread keepAlive;
    private volatile Duration shutdownPhaseTimeout;

    /**
     * A lifecycle for the servers {@code settings} describes (asked once, when the servers start).
     *
     * @param settings every server to run, in start order
     * @param servers where the built servers are published for health, endpoints and tests
     */
    public AsyncoroServersLifecycle(Supplier<? extends Collection<SocketServerSettings>> settings,
            ManagedAsyncoroServers servers, AsyncSocketServerFactory factory, SocketControllerRegistry controllers,
            ConnectionRegistry connections, PayloadConverters converters, MessageInterceptorChain interceptors,
            AsynCoro asyncoro) {
        this.settings = settings;
        this.servers = servers;
        this.factory = factory;
        this.controllers = controllers;
        this.connections = connections;
        this.converters = converters;
        this.interceptors = interceptors;
        this.asyncoro = asyncoro;
    }

    /**
     * Caps every server's grace period, so that the stop fits in the lifecycle processor's wait for this
     * phase (Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default).
     *
     * @param timeout the cap, {@code null} for none
     */
    public void setShutdownPhaseTimeout(Duration timeout) {
        this.shutdownPhaseTimeout = timeout;
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    /**
     * Manages a server the application built (for example with {@link AsyncSocketServerFactory}) as the
     * configured ones are: listed by {@link AsyncoroServers} (so health and the actuator endpoint show it),
     * started with the others if it is not listening yet, its port published as
     * {@code local.asyncoro.servers.<name>.port}, and stopped with the context, within the same shutdown phase
     * and budget.
     *
     * @param server a server whose name no configured or managed server has
     * @param shutdownGracePeriod how long its stop lets handlers finish (capped like the configured ones')
     * @throws IllegalArgumentException when the name is taken
     */
    public void manage(AsyncSocketServerInfo server, Duration shutdownGracePeriod) {
        synchronized (this.monitor) {
            this.servers.addManaged(server);
            this.gracePeriods.put(server.name(), shutdownGracePeriod);
            if (this.started) {
                startManaged(server);
            }
            else {
                this.pending.add(server);
            }
        }
    }

    private void startManaged(AsyncSocketServerInfo server) {
        if (!server.isListening()) {
            startServer(server, null);
        }
        this.running.add(server);
        publishPort(server);
        this.applicationContext.publishEvent(new AsyncSocketServerStartedEvent(server, this.applicationContext));
        if (this.keepAlive == null) {
            startKeepAlive();
        }
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.started) {
                return;
            }
            this.started = true;
            try {
                for (SocketServerSettings each : this.settings.get()) {
                    AsyncSocketServerInfo server = build(each);
                    this.servers.add(server);
                    this.gracePeriods.put(each.name(), each.shutdownGracePeriod());
                    startServer(server, each);
                    this.running.add(server);
                    publishPort(server);
                    this.applicationContext.publishEvent(new AsyncSocketServerStartedEvent(server,
                            this.applicationContext));
                }
                for (AsyncSocketServerInfo server : this.pending) {
                    startManaged(server);
                }
                this.pending.clear();
            }
            catch (RuntimeException ex) {
                stopAll(Duration.ZERO);
                this.started = false;
                throw ex;
            }
            if (!this.running.isEmpty() && this.keepAlive == null) {
                startKeepAlive();
            }
        }
    }

    private AsyncSocketServerInfo build(SocketServerSettings settings) {
        String name = settings.name();
        SocketControllerMethods controller = this.controllers.controllerFor(name)
            .orElseThrow(() -> new MissingHandlerException(name));
        if (settings.protocol() == Protocol.UDP) {
            return this.factory.createDatagramServer(settings,
                    new AnnotatedDatagramHandler(name, controller, this.converters, this.interceptors));
        }
        ServerObserver observer = this.factory.observer(name);
        AnnotatedConnectionHandler handler = new AnnotatedConnectionHandler(settings, controller, observer,
                this.connections, this.converters, this.interceptors, this.asyncoro);
        return this.factory.createServer(settings, withInterceptorsAndEvents(name, handler));
    }

    // Without interceptors or listeners the handler is used as it is: connection events then cost nothing.
    private ConnectionHandler withInterceptorsAndEvents(String name, AnnotatedConnectionHandler handler) {
        if (this.applicationContext == null) {
            return handler;
        }
        List<ConnectionInterceptor> connectionInterceptors = this.applicationContext
            .getBeanProvider(ConnectionInterceptor.class).orderedStream().toList();
        ConnectionEvents events = new ConnectionEvents(this.applicationContext);
        if (connectionInterceptors.isEmpty() && !events.any()) {
            return handler;
        }
        return new InterceptingConnectionHandler(name, handler, connectionInterceptors, events);
    }

    private static void startServer(AsyncSocketServerInfo server, SocketServerSettings settings) {
        try {
            if (server instanceof AsyncDatagramServer udp) {
                udp.start();
            }
            else {
                ((AsyncSocketServer) server).start();
            }
        }
        catch (BindException ex) {
            if (settings == null) {
                throw new UncheckedIOException("Server '" + server.name() + "' failed to start: " + ex.getMessage(), ex);
            }
            String address = (settings.address() != null) ? settings.address().getHostAddress() : "0.0.0.0";
            throw new PortInUseException(server.name(), address, settings.port(), ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Server '" + server.name() + "' failed to start: " + ex.getMessage(), ex);
        }
    }

    private void publishPort(AsyncSocketServerInfo server) {
        if (!(this.applicationContext instanceof ConfigurableApplicationContext configurable)) {
            return;
        }
        ConfigurableEnvironment environment = configurable.getEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        PropertySource<?> source = sources.get(PORTS_PROPERTY_SOURCE);
        @SuppressWarnings("unchecked")
        Map<String, Object> ports = (source != null) ? (Map<String, Object>) source.getSource()
                : new LinkedHashMap<>();
        if (source == null) {
            sources.addFirst(new MapPropertySource(PORTS_PROPERTY_SOURCE, ports));
        }
        ports.put("local.asyncoro.servers." + server.name() + ".port", server.localAddress().getPort());
    }

    private void startKeepAlive() {
        Thread thread = new Thread(() -> {
            try {
                for (AsyncSocketServerInfo server : runningServers()) {
                    awaitStop(server);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "asyncoro-keep-alive");
        thread.setDaemon(false);
        thread.start();
        this.keepAlive = thread;
    }

    private List<AsyncSocketServerInfo> runningServers() {
        synchronized (this.monitor) {
            return List.copyOf(this.running);
        }
    }

    private static void awaitStop(AsyncSocketServerInfo server) throws InterruptedException {
        if (server instanceof AsyncDatagramServer udp) {
            udp.awaitStop();
        }
        else {
            ((AsyncSocketServer) server).awaitStop();
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every server in the background and then runs {@code callback}: the lifecycle processor stops the
     * other beans of this phase (the web server's graceful shutdown) meanwhile, and waits for both.
     */
    @Override
    public void stop(Runnable callback) {
        Thread.ofPlatform().name("asyncoro-stop").start(() -> {
            try {
                synchronized (this.monitor) {
                    stopAll(null);
                }
            }
            finally {
                callback.run();
            }
        });
    }

    /** Stops every server, each with its capped grace period ({@code null}) or with {@code grace}, in parallel. */
    private void stopAll(Duration grace) {
        List<Thread> stoppers = new ArrayList<>();
        Duration cap = this.shutdownPhaseTimeout;
        for (AsyncSocketServerInfo server : this.running) {
            Duration configured = this.gracePeriods.getOrDefault(server.name(),
                    AsyncSocketServer.DEFAULT_SHUTDOWN_GRACE_PERIOD);
            Duration period = grace != null ? grace
                    : (cap != null && cap.compareTo(configured) < 0) ? cap : configured;
            Thread stopper = Thread.ofPlatform().name("asyncoro-stop-" + server.name()).start(() -> {
                boolean drained = (server instanceof AsyncDatagramServer udp) ? udp.stop(period)
                        : ((AsyncSocketServer) server).stop(period);
                if (!drained) {
                    logger.info("[" + server.name() + "] handlers did not finish within " + period
                            + "; the remaining connections were closed");
                }
            });
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        this.running.clear();
        this.started = false;
        Thread thread = this.keepAlive;
        this.keepAlive = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (this.monitor) {
            return !this.running.isEmpty();
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
