package io.asyncoro.spring.boot.autoconfigure.health;

import io.asyncoro.server.AsyncSocketServerInfo;

/** What the health indicator reports of one server. */
enum ServerState {

    /** Running with its accept (or receive) loop alive: the only healthy state. */
    LISTENING("listening"),

    /** Running, but its accept loop has ended or its listening socket was closed. */
    ACCEPT_LOOP_DEAD("accept-loop-dead"),

    /** Built, but not started (for example, it could not bind) or stopped since. */
    STOPPED("stopped"),

    /** Configured, but not built yet (or its construction failed). */
    NOT_STARTED("not-started");

    private final String label;

    ServerState(String label) {
        this.label = label;
    }

    String label() {
        return this.label;
    }

    static ServerState of(AsyncSocketServerInfo server) {
        if (server == null) {
            return NOT_STARTED;
        }
        if (server.isListening()) {
            return LISTENING;
        }
        return server.isRunning() ? ACCEPT_LOOP_DEAD : STOPPED;
    }
}
