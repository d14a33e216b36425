package io.asyncoro.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logs a connection's failure once, in one line: a peer's bad input at INFO, a handler's exception at WARN,
 * resets and timeouts at DEBUG; the stack trace only at DEBUG, so a flood of bad packets cannot flood the log
 * with traces. Never logs payloads.
 */
final class FailureLog {

    private static final Logger LOG = System.getLogger("io.asyncoro.server");

    private FailureLog() {
    }

    static void connectionFailed(String server, Object peer, ErrorKind kind, Throwable failure) {
        Level level = switch (kind) {
            case HANDLER, ACCEPT -> Level.WARNING;
            case MESSAGE_TOO_LARGE, TRUNCATED, HANDSHAKE, TLS -> Level.INFO;
            case TIMEOUT, IO -> Level.DEBUG;
        };
        if (!LOG.isLoggable(level)) {
            return;
        }
        String message = "[" + server + "] connection from " + peer + " closed: " + kind.tag() + ": " + failure;
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(level, message, failure);
        }
        else {
            LOG.log(level, message);
        }
    }

    /**
     * A connection turned away before it was served. A broken PROXY protocol header or an untrusted proxy is a
     * misconfiguration worth seeing at INFO; address rules and per-address limits refuse as designed, so DEBUG.
     * {@code detail} must not hold the peer's bytes.
     */
    static void refused(String server, Object peer, RejectReason reason, String detail) {
        Level level = reason == RejectReason.PROXY_PROTOCOL || reason == RejectReason.UNTRUSTED_PROXY ? Level.INFO
                : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "[" + server + "] refused a connection from " + peer + ": " + reason.tag()
                    + (detail == null ? "" : ": " + detail));
        }
    }

    static void info(String message) {
        LOG.log(Level.INFO, message);
    }

    static void debug(String message) {
        LOG.log(Level.DEBUG, message);
    }
}
