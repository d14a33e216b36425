package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.asyncoro.spring.handler.UnknownServerException;

/** Explains a {@link UnknownServerException}: a controller names an unconfigured server. */
class UnknownServerFailureAnalyzer extends AbstractFailureAnalyzer<UnknownServerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownServerException cause) {
        return new FailureAnalysis("@SocketController " + cause.getController() + " names server '" + cause.getServerName()
                + "', but no such server is configured under asyncoro.servers (configured: "
                + cause.getConfiguredServers() + ").",
                "Configure the server, for example asyncoro.servers." + cause.getServerName()
                + ".port=0, or correct the name in @SocketController.", cause);
    }
}
