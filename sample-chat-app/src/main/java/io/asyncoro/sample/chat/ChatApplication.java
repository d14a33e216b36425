package io.asyncoro.sample.chat;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.asyncoro.sample.chat.client.ChatClient;

/**
 * asyncoro's chat server ({@code chat_sock_server.py}) as a Spring Boot application on the asyncoro starter.
 *
 * <p>{@code java -jar sample-chat-app.jar} serves the chat on port 1234 (and the actuator on 8080);
 * {@code java -jar sample-chat-app.jar --client [host] [port] [--tls ...]} runs the terminal client instead,
 * without starting Spring.
 */
@SpringBootApplication
public class ChatApplication {

    /** The argument that turns the jar into the terminal client. */
    public static final String CLIENT_FLAG = "--client";

    /**
     * Starts the chat server, or with {@value #CLIENT_FLAG} as the first argument the terminal client.
     *
     * @param args Spring Boot's arguments ({@code --server.port=...}), or {@code --client} and the client's
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(CLIENT_FLAG)) {
            List<String> clientArgs = Arrays.asList(args).subList(1, args.length);
            System.exit(ChatClient.run(clientArgs, System.in, System.out, System.err));
        }
        SpringApplication.run(ChatApplication.class, args);
    }
}
