package io.asyncoro.reliability.boot;

import io.asyncoro.spring.boot.autoconfigure.annotation.OnMessage;
import io.asyncoro.spring.boot.autoconfigure.annotation.SocketController;

/**
 * Answers a message with 64 KiB, so a peer that never reads fills its send queue fast; the canary's messages
 * (16 bytes) are echoed instead.
 */
@SocketController("guarded")
class BigReplies {

    @OnMessage
    byte[] reply(byte[] message) {
        if (message.length == 16) {
            return message;
        }
        return new byte[64 * 1024];
    }
}
