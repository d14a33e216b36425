package io.asyncoro.server;

import java.io.IOException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLException;

import io.asyncoro.net.IncompleteReadException;
import io.asyncoro.net.MessageTooLargeException;
import io.asyncoro.net.SocketClosedException;
import io.asyncoro.net.TruncatedMessageException;

/** What went wrong on a connection, as the {@code kind} tag of the error counter names it. */
public enum ErrorKind {

    /** A frame or line over the maximum message size. */
    MESSAGE_TOO_LARGE("message-too-large"),

    /** The stream ended inside a frame, a line or a {@code recvAll}. */
    TRUNCATED("truncated"),

    /** A TLS handshake failed or stalled. */
    HANDSHAKE("handshake"),

    /** A TLS error after the handshake. */
    TLS("tls"),

    /** A read or write ran past its timeout (the idle timeout included). */
    TIMEOUT("timeout"),

    /** Any other I/O error: a reset, a broken pipe. */
    IO("io"),

    /** The handler threw something that is not an I/O error: a bug or a refusal in application code. */
    HANDLER("handler"),

    /** The accept loop failed to accept (for example, out of file descriptors). */
    ACCEPT("accept");

    private final String tag;

    ErrorKind(String tag) {
        this.tag = tag;
    }

    /** The tag value, for example {@code message-too-large}. */
    public String tag() {
        return tag;
    }

    /**
     * Classifies a connection's failure; {@code null} when it is no error of the connection's (the server
     * closed the socket itself, during a stop).
     */
    public static ErrorKind classify(Throwable failure) {
        if (failure instanceof MessageTooLargeException) {
            return MESSAGE_TOO_LARGE;
        }
        if (failure instanceof TruncatedMessageException || failure instanceof IncompleteReadException) {
            return TRUNCATED;
        }
        if (failure instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (failure instanceof SocketClosedException) {
            return null;
        }
        if (failure instanceof SSLException) {
            return TLS;
        }
        if (failure instanceof IOException) {
            return IO;
        }
        return HANDLER;
    }
}
