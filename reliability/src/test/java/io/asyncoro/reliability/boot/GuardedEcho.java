package io.asyncoro.reliability.boot;

import java.nio.charset.StandardCharsets;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/** Echoes; a message starting with "boom" makes it throw, as a bug in application code would. */
@SocketController("guarded")
class GuardedEcho {

    @OnMessage
    byte[] echo(byte[] message) {
        if (new String(message, StandardCharsets.UTF_8).startsWith("boom")) {
            throw new IllegalStateException("the controller refused a message");
        }
        return message;
    }
}
