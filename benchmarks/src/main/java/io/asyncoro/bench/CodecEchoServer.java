package io.asyncoro.bench;

/**
 * A server that also echoes frames of another {@link Framing} through its own codec machinery: core's codec SPI
 * for the library, Netty's frame decoders and encoders for Netty.
 */
interface CodecEchoServer extends EchoServer {

    /**
     * Starts a plain TCP listener that decodes each frame with {@code framing} and echoes its payload encoded
     * the same way; returns its port.
     */
    int listenCodec(Framing framing) throws Exception;
}
