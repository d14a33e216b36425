package io.asyncoro.reliability.boot;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;

/**
 * Floods a peer with 64 KiB messages, so one that never reads falls behind at once: a message starting with 'q'
 * is answered through {@link AsyncConnection#send} (the send queue, as a broadcast would be), any other one by
 * returning the reply (written straight from the connection's coroutine). The canary's 16-byte messages are
 * echoed.
 */
@SocketController("guarded")
class BigReplies {

    private static final byte[] BIG = new byte[64 * 1024];

    @OnMessage
    byte[] reply(byte[] message, AsyncConnection connection) {
        if (message.length == 16) {
            return message;
        }
        if (message.length > 0 && message[0] == 'q') {
            for (int i = 0; i < 2_000 && connection.send(BIG); i++) {
                // queue until the connection is dropped as a slow consumer
            }
            return null;
        }
        return BIG;
    }
}
