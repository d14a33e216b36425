package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.asyncoro.testsupport.Loopback;

/**
 * The handshake's steps ({@link TlsRecordTransport#stepHandshake}) with a scripted engine that, like Netty's OpenSSL
 * engine, goes on only when it is called: once its delegated task ran it says {@code NEED_UNWRAP} though it would
 * finish on its next call, and the peer has nothing more to send. With the real engines the task comes from the
 * unwrap that took the peer's last bytes, after which the engine is asked again anyway (OpenSslProviderTest); here
 * it comes from elsewhere, so only the asking after a task can finish the handshake before its timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsHandshakeStepsTest {

    /** Where the scripted engine's delegated task comes from. */
    enum TaskFrom {
        /** The call that asks the engine again, with no input, after it took the peer's record. */
        ASKING_AGAIN,
        /** The wrap of its reply, with the start of the peer's next record still unread. */
        WRAP
    }

    private AsyncServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @ParameterizedTest(name = "task from {0}")
    @EnumSource(TaskFrom.class)
    void anEngineSayingNeedUnwrapAfterItsTaskIsAskedAgainBeforeTheHandshakeWaitsForThePeer(TaskFrom from)
            throws Exception {
        LazyEngine engine = new LazyEngine(from);
        listener = AsyncServerSocket.bindTls(Loopback.address(0), 50, TlsServerConfig.builder()
                .sslContext(contextOf(engine)).handshakeTimeout(Duration.ofSeconds(2)).build());
        try (Socket client = new Socket()) {
            client.connect(Loopback.address(listener.localPort()));
            // A record of one byte; for WRAP also the first two bytes of a next one, which never comes whole.
            client.getOutputStream().write(from == TaskFrom.WRAP ? new byte[] { 22, 3, 3, 0, 1, 0, 22, 3 }
                    : new byte[] { 22, 3, 3, 0, 1, 0 });
            try (AsyncSocket server = listener.accept()) {
                assertThat(engine.state).isEqualTo(State.DONE);
                assertThat(server.tlsSession()).isPresent();
            }
        }
    }

    private enum State {
        HELLO, REPLY, STALE_BEFORE_TASK, TASK, STALE, DONE
    }

    /** The engine of one server connection, following its script whatever it is configured with. */
    private static final class LazyEngine extends SSLEngine {

        private final TaskFrom from;
        volatile State state = State.HELLO;
        private volatile boolean outboundClosed;

        LazyEngine(TaskFrom from) {
            this.from = from;
        }

        @Override
        public HandshakeStatus getHandshakeStatus() {
            return switch (state) {
                case HELLO, STALE_BEFORE_TASK, STALE -> HandshakeStatus.NEED_UNWRAP;
                case REPLY -> HandshakeStatus.NEED_WRAP;
                case TASK -> HandshakeStatus.NEED_TASK;
                case DONE -> HandshakeStatus.NOT_HANDSHAKING;
            };
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
            if (state == State.HELLO) {
                int at = src.position();
                int consumed = 5 + (((src.get(at + 3) & 0xFF) << 8) | (src.get(at + 4) & 0xFF));
                src.position(at + consumed);
                state = from == TaskFrom.WRAP ? State.REPLY : State.STALE_BEFORE_TASK;
                return new SSLEngineResult(Status.OK, getHandshakeStatus(), consumed, 0);
            }
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, goOn(), 0, 0);
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
            if (state == State.REPLY) {
                dst.put(new byte[] { 22, 3, 3, 0, 1, 0 });
                state = State.TASK;
                return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_TASK, 0, 6);
            }
            if (state == State.DONE && outboundClosed) {
                return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            return new SSLEngineResult(Status.OK, goOn(), 0, 0);
        }

        /** What a call does past the peer's record: the step the engine was waiting to be called for. */
        private HandshakeStatus goOn() {
            switch (state) {
                case STALE_BEFORE_TASK -> state = State.TASK;
                case STALE -> {
                    state = State.DONE;
                    return HandshakeStatus.FINISHED;
                }
                default -> throw new IllegalStateException("not called for in " + state);
            }
            return getHandshakeStatus();
        }

        @Override
        public Runnable getDelegatedTask() {
            return state == State.TASK ? () -> state = State.STALE : null;
        }

        @Override
        public SSLSession getSession() {
            return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(),
                    new Class<?>[] { SSLSession.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "getApplicationBufferSize", "getPacketBufferSize" -> 17 * 1024;
                        case "getProtocol" -> "TLSv1.3";
                        case "toString" -> "scripted session";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public void beginHandshake() {
        }

        @Override
        public void closeInbound() {
        }

        @Override
        public boolean isInboundDone() {
            return false;
        }

        @Override
        public void closeOutbound() {
            outboundClosed = true;
        }

        @Override
        public boolean isOutboundDone() {
            return outboundClosed;
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return new String[0];
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
        }

        @Override
        public String[] getSupportedProtocols() {
            return new String[0];
        }

        @Override
        public String[] getEnabledProtocols() {
            return new String[0];
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
        }

        @Override
        public void setUseClientMode(boolean mode) {
        }

        @Override
        public boolean getUseClientMode() {
            return false;
        }

        @Override
        public void setNeedClientAuth(boolean need) {
        }

        @Override
        public boolean getNeedClientAuth() {
            return false;
        }

        @Override
        public void setWantClientAuth(boolean want) {
        }

        @Override
        public boolean getWantClientAuth() {
            return false;
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
        }

        @Override
        public boolean getEnableSessionCreation() {
            return true;
        }
    }

    /** A context whose only engine is {@code engine}, for one connection. */
    private static SSLContext contextOf(SSLEngine engine) {
        return new SSLContext(new SSLContextSpi() {
            @Override
            protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            }

            @Override
            protected SSLSocketFactory engineGetSocketFactory() {
                throw new UnsupportedOperationException();
            }

            @Override
            protected SSLServerSocketFactory engineGetServerSocketFactory() {
                throw new UnsupportedOperationException();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine() {
                return engine;
            }

            @Override
            protected SSLEngine engineCreateSSLEngine(String host, int port) {
                return engine;
            }

            @Override
            protected SSLSessionContext engineGetServerSessionContext() {
                throw new UnsupportedOperationException();
            }

            @Override
            protected SSLSessionContext engineGetClientSessionContext() {
                throw new UnsupportedOperationException();
            }
        }, null, "TLS") {
        };
    }
}
