package io.asyncoro.net;

import java.net.SocketException;

/**
 * The {@link AsyncSocket} was closed, by this side, while a coroutine was waiting on it or before the call.
 * asyncoro left such coroutines waiting forever; here they wake with this exception.
 */
public class SocketClosedException extends SocketException {

    private static final long serialVersionUID = 1L;

    /** The socket was closed during or before {@code operation}. */
    public SocketClosedException(String operation) {
        super("socket closed (" + operation + ")");
    }
}
