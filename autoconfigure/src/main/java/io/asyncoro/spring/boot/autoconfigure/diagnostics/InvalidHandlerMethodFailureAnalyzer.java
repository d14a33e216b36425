package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.asyncoro.spring.handler.InvalidHandlerMethodException;

/** Explains a {@link InvalidHandlerMethodException}: a handler method whose signature cannot be served. */
class InvalidHandlerMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHandlerMethodException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidHandlerMethodException cause) {
        return new FailureAnalysis("Handler method " + cause.getMethod() + " cannot be served: " + cause.getReason() + ".",
                "Change the method. @OnMessage takes one payload (byte[], String, or a type a PayloadConverter reads) and "
                + "optionally AsyncConnection and InetSocketAddress; @OnConnect and @OnDisconnect take AsyncConnection; "
                + "@OnError takes AsyncConnection and a Throwable; @ConnectionHandler takes only the AsyncSocket.", cause);
    }
}
