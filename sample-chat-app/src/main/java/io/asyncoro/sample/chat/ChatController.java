package io.asyncoro.sample.chat;

import io.asyncoro.spring.annotation.SocketController;

/** The chat on the plain server {@code chat} (port 1234). */
@SocketController("chat")
public class ChatController extends ChatEndpoint {

    ChatController(ChatRoom room) {
        super(room);
    }
}
