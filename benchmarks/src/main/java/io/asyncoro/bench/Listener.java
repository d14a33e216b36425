package io.asyncoro.bench;

/**
 * One of a server process's listeners, named as in its {@code READY} line: what the client connects to and
 * how it frames messages there.
 */
enum Listener {

    /** Raw echo over TCP. */
    RAW("raw", Framing.RAW),
    /** asyncoro-framed echo over TCP. */
    MSG("msg", Framing.MESSAGE),
    /** asyncoro-framed echo over TLS 1.3. */
    TLS("tls", Framing.MESSAGE),
    /** asyncoro-framed echo over a Unix domain socket (its path is in the {@code READY} line). */
    UDS("uds", Framing.MESSAGE),
    /** Echo of 2-byte-length frames, through the implementation's codec (core's codec SPI, Netty's decoders). */
    LEN2("len2", Framing.LEN2),
    /** Echo of CRLF-terminated frames, through the implementation's codec. */
    CRLF("crlf", Framing.CRLF);

    /** The key in the {@code READY} line. */
    final String key;
    final Framing framing;

    Listener(String key, Framing framing) {
        this.key = key;
        this.framing = framing;
    }
}
