package io.asyncoro.sample.chat.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the demo TLS key ({@link DemoTlsKeyStore}) before the context starts, when
 * {@code chat.demo-tls.enabled} is true (the {@code tls} profile sets it), and offers it as the SSL bundle
 * {@code chat-demo}. The bundle's properties are added with the lowest precedence, so anything the user sets
 * under {@code spring.ssl.bundle.jks.chat-demo} wins. To serve your own key, set
 * {@code chat.demo-tls.enabled=false} and point {@code asyncoro.servers.chat-tls.ssl.bundle} at your bundle.
 */
public final class DemoTlsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Whether to generate and serve the demo key. */
    public static final String ENABLED_PROPERTY = "chat.demo-tls.enabled";

    /** The folder the demo key is kept in, relative to the working directory unless absolute. */
    public static final String DIRECTORY_PROPERTY = "chat.demo-tls.directory";

    /** The folder used when {@link #DIRECTORY_PROPERTY} is not set. */
    public static final String DEFAULT_DIRECTORY = ".asyncoro-demo-tls";

    /** The name of the SSL bundle holding the demo key. */
    public static final String BUNDLE = "chat-demo";

    static final String PROPERTY_SOURCE = "chatDemoTls";

    private final Log log;

    /** Created by Spring Boot, which passes a logger that prints once logging is set up. */
    public DemoTlsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DemoTlsEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, false)) {
            return;
        }
        Path directory = Path.of(environment.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY));
        DemoTlsKeyStore key;
        try {
            key = DemoTlsKeyStore.ensure(directory);
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot make the demo TLS key in " + directory.toAbsolutePath() + " ("
                    + ENABLED_PROPERTY + "=true): " + ex.getMessage(), ex);
        }
        log.info("TLS demo key (self-signed, for localhost only, never for real use): " + key.keyStore()
                + "; clients trust " + key.certificate());
        String prefix = "spring.ssl.bundle.jks." + BUNDLE + ".keystore.";
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(prefix + "location", key.keyStore().toUri().toString());
        bundle.put(prefix + "password", key.password());
        bundle.put(prefix + "type", "PKCS12");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, bundle));
    }
}
