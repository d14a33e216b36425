package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.asyncoro.spring.server.PortInUseException;

/** Explains a {@link PortInUseException}: a server whose port is taken. */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis("Server '" + cause.getServerName() + "' failed to start: port " + cause.getPort()
                + " on " + cause.getAddress() + " is already in use.",
                "Identify and stop the process that is listening on port " + cause.getPort()
                + ", or configure a different port with asyncoro.servers." + cause.getServerName()
                + ".port (0 takes any free port).", cause);
    }
}
