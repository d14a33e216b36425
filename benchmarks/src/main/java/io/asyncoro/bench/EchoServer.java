package io.asyncoro.bench;

import javax.net.ssl.SSLContext;

/** One server implementation under test: it listens on 127.0.0.1 and echoes what each connection sends. */
interface EchoServer {

    /** The read buffer size every blocking implementation uses, matching the library's. */
    int BUFFER_SIZE = 8192;

    /** The largest frame accepted in framed mode. */
    int MAX_FRAME = 1 << 20;

    /**
     * Starts a listener and returns its port.
     *
     * @param framed echo asyncoro frames (4-byte big-endian length, payload) one by one; otherwise echo bytes as read
     * @param tls serve TLS 1.3 with this context, or {@code null} for plain TCP
     */
    int listen(boolean framed, SSLContext tls) throws Exception;
}
