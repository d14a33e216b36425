package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.asyncoro.spring.handler.MissingHandlerException;

/** Explains a {@link MissingHandlerException}: a configured server has no controller. */
class MissingHandlerFailureAnalyzer extends AbstractFailureAnalyzer<MissingHandlerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingHandlerException cause) {
        return new FailureAnalysis("Server '" + cause.getServerName() + "' is configured under asyncoro.servers."
                + cause.getServerName() + " but no @SocketController(\"" + cause.getServerName() + "\") serves it.",
                "Add a @SocketController(\"" + cause.getServerName() + "\") bean with an @OnMessage or @ConnectionHandler "
                + "method, or remove asyncoro.servers." + cause.getServerName() + " from the configuration.", cause);
    }
}
