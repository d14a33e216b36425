package io.asyncoro.sample.chat;

import org.springframework.context.annotation.Profile;

import io.asyncoro.spring.annotation.SocketController;

/**
 * The same chat over TLS on the server {@code chat-tls} (port 1235), in the {@code tls} profile, which
 * configures that server. Plain and TLS members share one room.
 */
@Profile("tls")
@SocketController("chat-tls")
public class TlsChatController extends ChatEndpoint {

    TlsChatController(ChatRoom room) {
        super(room);
    }
}
