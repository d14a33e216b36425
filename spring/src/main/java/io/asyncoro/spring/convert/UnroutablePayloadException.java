package io.asyncoro.spring.convert;

/**
 * No {@code @OnMessage} method of a controller takes a message: no converter read it as any of their payload
 * types. An {@code @OnError} method taking it (or a supertype) is called and the connection is kept; without
 * one the connection is closed. The message names the types tried, never the payload's bytes.
 */
public class UnroutablePayloadException extends PayloadConversionException {

    private static final long serialVersionUID = 1L;

    /** A payload none of the methods takes. */
    public UnroutablePayloadException(String message, Throwable lastFailure) {
        super(message, lastFailure);
    }
}
