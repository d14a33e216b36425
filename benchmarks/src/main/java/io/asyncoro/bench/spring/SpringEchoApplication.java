package io.asyncoro.bench.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.asyncoro.bench.ServerMain;

/**
 * {@code library-spring}: the starter in a minimal Boot application. Three servers from
 * {@code asyncoro.servers.*} (raw echo by a {@code @ConnectionHandler}, framed echo by an {@code @OnMessage}
 * method, the same over TLS 1.3). {@code --metrics=on} keeps asyncoro's Micrometer binding (with actuator's
 * registry); {@code --metrics=off} excludes it, so the pair measures what the metrics cost.
 */
@SpringBootApplication
public class SpringEchoApplication {

    private static final String METRICS_AUTO_CONFIGURATION =
            "io.asyncoro.spring.boot.autoconfigure.metrics.AsyncoroMetricsAutoConfiguration";

    public static void main(String[] args) throws Exception {
        boolean metrics = !List.of(args).contains("--metrics=off");
        SpringApplication application = new SpringApplication(SpringEchoApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setDefaultProperties(properties(metrics));
        ConfigurableApplicationContext context = application.run();
        Environment env = context.getEnvironment();
        ServerMain.serveCommands("READY raw=" + env.getProperty("local.asyncoro.servers.raw.port") + " msg="
                + env.getProperty("local.asyncoro.servers.msg.port") + " tls="
                + env.getProperty("local.asyncoro.servers.tls.port") + " metrics=" + (metrics ? "on" : "off"));
    }

    private static Map<String, Object> properties(boolean metrics) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("logging.level.root", "WARN");
        for (String server : List.of("raw", "msg", "tls")) {
            String prefix = "asyncoro.servers." + server + ".";
            p.put(prefix + "port", 0);
            p.put(prefix + "address", "127.0.0.1");
            p.put(prefix + "backlog", 4096);
            p.put(prefix + "max-connections", 19_000);
            p.put(prefix + "framing", server.equals("raw") ? "raw" : "message");
        }
        p.put("asyncoro.servers.tls.ssl.enabled", true);
        p.put("asyncoro.servers.tls.ssl.key-store", "classpath:tls/server.p12");
        p.put("asyncoro.servers.tls.ssl.key-store-password", "changeit");
        p.put("asyncoro.servers.tls.ssl.protocols", "TLSv1.3");
        if (!metrics) {
            p.put("spring.autoconfigure.exclude", METRICS_AUTO_CONFIGURATION);
        }
        return p;
    }
}
