package io.asyncoro.reliability.soak;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/** Echoes each soak message after checking its checksum (a corrupted one is counted and echoed anyway). */
@SocketController("soak")
class SoakEchoController {

    private final SoakServerApplication.CorruptionCounter counter;

    SoakEchoController(SoakServerApplication.CorruptionCounter counter) {
        this.counter = counter;
    }

    @OnMessage
    byte[] echo(byte[] message) {
        if (!SoakMessages.intact(message)) {
            counter.corrupted.increment();
        }
        return message;
    }
}
