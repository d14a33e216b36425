package io.asyncoro.spring.server;

/** The transport a server speaks. */
public enum Protocol {

    /** A stream server: one coroutine per connection, messages cut out by the server's framing. */
    TCP,

    /** A datagram server: one message per datagram, no connection, no TLS. */
    UDP
}
