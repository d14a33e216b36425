package io.asyncoro.net;

/**
 * Which TLS implementation encrypts a connection's records.
 *
 * <p>{@link #JDK} is the default and needs nothing but the JDK. {@link #OPENSSL} takes its engines from BoringSSL
 * through Netty: the application adds {@code io.netty:netty-handler} and
 * {@code io.netty:netty-tcnative-boringssl-static}, which core declares as optional. It serves the polled
 * (non-blocking) mode only, and takes its key from a key store or a {@link javax.net.ssl.KeyManagerFactory}: an
 * {@link javax.net.ssl.SSLContext} cannot be handed to OpenSSL.
 */
public enum TlsProvider {

    /** The JDK's own TLS ({@code SSLEngine} from an {@code SSLContext}). */
    JDK,

    /** OpenSSL (BoringSSL) from netty-tcnative, through Netty's {@code SslContext}. */
    OPENSSL
}
