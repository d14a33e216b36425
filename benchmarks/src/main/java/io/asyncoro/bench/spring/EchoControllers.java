package io.asyncoro.bench.spring;

import java.io.IOException;

import io.asyncoro.bench.ServerMain;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.ConnectionHandler;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/** The echo handlers of {@link SpringEchoApplication}, written as an application would write them. */
final class EchoControllers {

    private EchoControllers() {
    }

    /** Raw echo: the whole connection as one coroutine. */
    @SocketController("raw")
    static class RawEcho {

        @ConnectionHandler
        void serve(AsyncSocket socket) throws IOException {
            ServerMain.echoBytes(socket);
        }
    }

    /** Framed echo: each message's reply is the message. */
    @SocketController("msg")
    static class MessageEcho {

        @OnMessage
        byte[] echo(byte[] message) {
            return message;
        }
    }

    /** Framed echo over TLS. */
    @SocketController("tls")
    static class TlsEcho {

        @OnMessage
        byte[] echo(byte[] message) {
            return message;
        }
    }
}
