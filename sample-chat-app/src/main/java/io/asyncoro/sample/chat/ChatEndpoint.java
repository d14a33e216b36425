package io.asyncoro.sample.chat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.connection.AsyncConnection;

/**
 * The chat protocol on one server: every connection joins the {@link ChatRoom}, its messages are relayed, and
 * it leaves when it closes, half-closes or fails. Each subclass binds it to one server with
 * {@code @SocketController}; all of them share the one room.
 */
abstract class ChatEndpoint {

    private static final Log logger = LogFactory.getLog(ChatEndpoint.class);

    private final ChatRoom room;

    ChatEndpoint(ChatRoom room) {
        this.room = room;
    }

    @OnConnect
    void joined(AsyncConnection connection) {
        this.room.join(connection);
    }

    @OnMessage
    void said(String text, AsyncConnection connection) {
        this.room.say(connection, text);
    }

    @OnDisconnect
    void left(AsyncConnection connection) {
        // End of stream (a close or a half-close) ends the connection: the server then closes it.
        this.room.leave(connection);
    }

    @OnError
    void failed(AsyncConnection connection, Throwable failure) {
        // The server has counted and logged the failure once; this only ties it to the member's number.
        if (logger.isDebugEnabled()) {
            logger.debug("[" + connection.serverName() + "] member " + connection.attributes().get(ChatRoom.NUMBER)
                    + " dropped: " + failure);
        }
    }
}
