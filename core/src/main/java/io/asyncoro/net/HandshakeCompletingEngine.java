package io.asyncoro.net;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An OpenSSL engine as the TLS transport drives it. Netty's engine can take the peer's last handshake record and
 * still say {@code NEED_UNWRAP}: OpenSSL has finished, but the engine learns so only on its next call. Netty's own
 * handler makes that call when more bytes come; a TLS 1.3 server whose client has nothing to say yet would wait for
 * them until the handshake timeout. So after an unwrap that used up its input and still needs to unwrap, this asks
 * the engine once more with no input, which lets it see that the handshake is over. The same goes for a record
 * whose processing waited for a delegated task (a client certificate's check): once the task ran, the engine is
 * asked again before it is believed when it says {@code NEED_UNWRAP}.
 */
final class HandshakeCompletingEngine extends SSLEngine {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine delegate;
    // Set when an unwrap ended in NEED_TASK: the record it took is processed further only by the next call.
    private volatile boolean resumeAfterTask;
    // What that resumption threw (a client certificate refused): thrown by the next wrap, which the transport's
    // handshake makes at once, so the handshake fails with it and sends the engine's alert.
    private volatile SSLException resumeFailure;

    HandshakeCompletingEngine(SSLEngine delegate) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
    }

    /** Netty's engine, which owns the native state. */
    SSLEngine delegate() {
        return delegate;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        SSLEngineResult result = delegate.unwrap(src, dst);
        // Past the handshake (every record of the connection's life) this returns at once, allocating nothing.
        if (result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            return result;
        }
        return completing(result, src, empty -> delegate.unwrap(empty, dst));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        SSLEngineResult result = delegate.unwrap(src, dsts, offset, length);
        if (result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            return result;
        }
        return completing(result, src, empty -> delegate.unwrap(empty, dsts, offset, length));
    }

    private interface Unwrap {
        SSLEngineResult from(ByteBuffer empty) throws SSLException;
    }

    private SSLEngineResult completing(SSLEngineResult result, ByteBuffer src, Unwrap again) throws SSLException {
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            resumeAfterTask = true;
        }
        if (result.getStatus() != Status.OK || result.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP
                || result.bytesConsumed() == 0 || src.hasRemaining()) {
            return result;
        }
        SSLEngineResult next = again.from(NOTHING);
        Status status = next.getStatus() == Status.BUFFER_UNDERFLOW ? Status.OK : next.getStatus();
        return new SSLEngineResult(status, next.getHandshakeStatus(), result.bytesConsumed() + next.bytesConsumed(),
                result.bytesProduced() + next.bytesProduced());
    }

    // ---------------------------------------------------------------- the rest is Netty's engine's

    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        throwResumeFailure();
        return delegate.wrap(src, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        throwResumeFailure();
        return delegate.wrap(srcs, offset, length, dst);
    }

    private void throwResumeFailure() throws SSLException {
        SSLException failure = resumeFailure;
        if (failure != null) {
            resumeFailure = null;
            throw failure;
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        delegate.beginHandshake();
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        HandshakeStatus status = delegate.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_UNWRAP && resumeAfterTask) {
            resumeAfterTask = false;
            try {
                delegate.unwrap(NOTHING, ByteBuffer.allocate(0));
            }
            catch (SSLException ex) {
                resumeFailure = ex;
                return HandshakeStatus.NEED_WRAP;
            }
            status = delegate.getHandshakeStatus();
        }
        return status;
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        delegate.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
