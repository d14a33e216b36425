package io.asyncoro.net.proxy;

/** What a PROXY protocol header says about the connection. */
public enum ProxyCommand {

    /**
     * The connection is relayed on behalf of a client; the header carries the client's addresses unless the
     * sender could not give them (v1 {@code UNKNOWN}, v2 {@code AF_UNSPEC} or {@code AF_UNIX}).
     */
    PROXY,

    /**
     * v2 only: the proxy opened the connection itself (typically a health check); the connection's own
     * addresses apply.
     */
    LOCAL
}
