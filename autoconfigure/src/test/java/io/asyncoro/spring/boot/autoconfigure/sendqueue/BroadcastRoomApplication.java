package io.asyncoro.spring.boot.autoconfigure.sendqueue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroAutoConfiguration;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * The child JVM of {@link SlowReaderForkedJvmTest}: a room that greets each member with {@code welcome} and, on
 * each {@code next} from a
 * member, broadcasts a fresh 1 MiB message to every other member and answers {@code sent <n>}. Prints
 * {@code READY <port>}; answers {@code HEAP} on standard input with {@code HEAP <bytes used>}; closes at the
 * end of standard input.
 */
public final class BroadcastRoomApplication {

    static final int MESSAGE_SIZE = 1 << 20;

    private BroadcastRoomApplication() {
    }

    /** The application; the controller is a sibling class, not a member, so it is registered once. */
    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    static class App {

        @Bean
        RoomController roomController(ConnectionRegistry connections) {
            return new RoomController(connections);
        }
    }

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "asyncoro.servers.room.address=127.0.0.1", "asyncoro.servers.room.port=0",
                    "asyncoro.servers.room.max-message-size=2MB", "asyncoro.servers.room.shutdown-grace-period=1s")
            .run(args)) {
            System.out.println("READY " + context.getEnvironment().getProperty("local.asyncoro.servers.room.port"));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("HEAP")) {
                    System.gc();
                    Runtime runtime = Runtime.getRuntime();
                    System.out.println("HEAP " + (runtime.totalMemory() - runtime.freeMemory()));
                }
            }
        }
    }

    @SocketController("room")
    static class RoomController {

        private final ConnectionRegistry connections;
        private int sent;

        RoomController(ConnectionRegistry connections) {
            this.connections = connections;
        }

        /** Listed in the registry before this runs: a member that has read it gets every later broadcast. */
        @OnConnect
        String joined() {
            return "welcome";
        }

        @OnMessage
        String next(String command, AsyncConnection from) {
            // A new array each time, as distinct messages are: a queue that keeps them all grows by 1 MiB each.
            byte[] message = new byte[MESSAGE_SIZE];
            int number;
            synchronized (this) {
                number = this.sent++;
            }
            ByteBuffer.wrap(message).putInt(number);
            this.connections.broadcast("room", message, other -> other != from);
            return "sent " + number;
        }
    }
}
