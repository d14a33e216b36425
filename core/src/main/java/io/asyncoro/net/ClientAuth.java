package io.asyncoro.net;

/** Whether a TLS server asks clients for a certificate. */
public enum ClientAuth {

    /** No client certificate is requested. */
    NONE,

    /** A client certificate is requested; a client without one is still served. */
    WANT,

    /** A client certificate is required; a client without one fails the handshake. */
    NEED
}
