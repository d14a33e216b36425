package io.asyncoro.bench;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * {@code library-openssl}'s TLS: a JDK {@link SSLContext} whose engines are netty-tcnative's OpenSSL (BoringSSL)
 * {@link SSLEngine}s, so core's {@code TlsServerConfig.sslContext(...)} serves OpenSSL without knowing Netty:
 * core's TLS over {@code SSLEngine} takes its engines from {@code createSSLEngine()}. Engines only: socket
 * factories (core's blocking TLS mode) are refused.
 *
 * <p>The engines are Netty's non-reference-counted ones ({@link SslProvider#OPENSSL}): their native state is
 * freed when both directions are closed, or when the engine is collected, since core does not know to release
 * them. Good enough for a benchmark; not a production adapter.
 */
final class OpenSslJdkContext {

    private OpenSslJdkContext() {
    }

    /** A server context with the benchmark's key, TLS 1.3 only. */
    static SSLContext server() throws Exception {
        SslContext netty = SslContextBuilder.forServer(Tls.keyManagers()).sslProvider(SslProvider.OPENSSL)
                .protocols(Tls.PROTOCOL).clientAuth(ClientAuth.NONE).build();
        return new SSLContext(new Spi(netty), null, "TLS") {
        };
    }

    /** Hands out Netty's engines; everything else an {@code SSLContext} does is not needed here. */
    private static final class Spi extends SSLContextSpi {

        private final SslContext netty;

        Spi(SslContext netty) {
            this.netty = netty;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("initialised from Netty's SslContext already");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return netty.newEngine(ByteBufAllocator.DEFAULT);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return netty.newEngine(ByteBufAllocator.DEFAULT, host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return netty.sessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return null;
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("OpenSSL engines only: no sockets");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("OpenSSL engines only: no sockets");
        }
    }
}
