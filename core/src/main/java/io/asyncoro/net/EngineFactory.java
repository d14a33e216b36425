package io.asyncoro.net;

import javax.net.ssl.SSLEngine;

/** Makes the engine of one connection, handshake not started; the provider's configuration is already applied. */
interface EngineFactory {

    /**
     * An engine for a connection to or from {@code peerHost:peerPort}.
     *
     * @param peerHost the host the client connects to (SNI, host-name check), or {@code null} on the server side
     * @param peerPort its port, or {@code -1}
     */
    SSLEngine newEngine(String peerHost, int peerPort);
}
