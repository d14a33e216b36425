package io.asyncoro.net.proxy;

import java.io.IOException;

/**
 * A PROXY protocol header was malformed, too large, of an unsupported version or command, or cut short by
 * the end of the stream. The connection must be dropped: the spec forbids guessing or resynchronising.
 *
 * <p>The message describes the problem without quoting the peer's bytes, so it is safe to log.
 */
public class ProxyProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A header problem described by {@code message}. */
    public ProxyProtocolException(String message) {
        super(message);
    }
}
