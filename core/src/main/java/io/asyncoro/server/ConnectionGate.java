package io.asyncoro.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.ProxyProtocolHandshake;

/**
 * What a connection must pass before it is served: a trusted proxy (when the server expects PROXY protocol
 * headers), a valid header, and {@link AdmissionControl} on the client's address. A refused connection is closed
 * at once, counted under its {@link RejectReason} and logged once; it is never reported opened.
 *
 * <p>Without PROXY protocol the whole check runs in the accept loop, where it is a map update and costs no
 * coroutine. With it, only the trusted-proxy check does: the header is read in the connection's own coroutine
 * (a slow header must not stall accepts), and admission waits for the header's client address.
 */
final class ConnectionGate {

    // Shared by every connection that holds no slot: releasing it does nothing.
    private static final Admission NO_SLOT = Admission.admitted(() -> { });

    private final String server;
    private final ProxyProtocolSettings proxy;
    private final AdmissionControl admission;
    private final ServerObserver observer;

    ConnectionGate(String server, ProxyProtocolSettings proxy, AdmissionControl admission, ServerObserver observer) {
        this.server = server;
        this.proxy = proxy;
        this.admission = admission;
        this.observer = observer;
    }

    /**
     * In the accept loop: the slot the connection holds, or {@code null} when it was refused (and closed). Behind a
     * proxy the slot is taken later, by {@link #afterHeader}.
     */
    Admission atAccept(AsyncSocket socket) {
        InetSocketAddress peer = socket.connectionRemoteAddress();
        if (proxy.enabled()) {
            if (!proxy.trusts(peer.getAddress())) {
                refuse(socket, RejectReason.UNTRUSTED_PROXY, peer, "not one of the trusted proxies");
                return null;
            }
            return NO_SLOT;
        }
        return admit(socket, peer);
    }

    /** Whether connections begin with a PROXY protocol header, for {@link #afterHeader} to read. */
    boolean expectsHeader() {
        return proxy.enabled();
    }

    /**
     * In the connection's coroutine, before anything else: reads the PROXY protocol header and admits the client
     * it names. Returns the slot, or {@code null} when the connection was refused (and closed).
     *
     * @param stopping whether the server is stopping: a header cut short by the stop is not the peer's fault
     */
    Admission afterHeader(AsyncSocket socket, BooleanSupplier stopping) {
        try {
            ProxyProtocolHandshake.perform(socket, proxy.headerTimeout());
        }
        catch (IOException | RuntimeException ex) {
            if (stopping.getAsBoolean()) {
                socket.close();
                observer.connectionRejected(RejectReason.SHUTDOWN);
                return null;
            }
            // The reader's messages describe the problem without quoting the peer's bytes.
            String detail = ex instanceof EOFException ? "closed before sending a PROXY protocol header"
                    : ex.getMessage();
            refuse(socket, RejectReason.PROXY_PROTOCOL, socket.connectionRemoteAddress(), detail);
            return null;
        }
        // A LOCAL header (a balancer's health check) names no client: the proxy itself is admitted.
        return admit(socket, socket.remoteAddress());
    }

    private Admission admit(AsyncSocket socket, InetSocketAddress client) {
        if (admission == null) {
            return NO_SLOT;
        }
        Admission slot = admission.admit(client.getAddress());
        if (!slot.isAdmitted()) {
            refuse(socket, RejectReason.of(slot.refusal()), client, slot.refusal().tag());
            return null;
        }
        return slot;
    }

    private void refuse(AsyncSocket socket, RejectReason reason, InetSocketAddress peer, String detail) {
        socket.close();
        observer.connectionRejected(reason);
        FailureLog.refused(server, peer, reason, detail);
    }
}
