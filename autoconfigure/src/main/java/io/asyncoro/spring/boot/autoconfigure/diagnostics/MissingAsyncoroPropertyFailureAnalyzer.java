package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link MissingAsyncoroPropertyException}: a required asyncoro property is not set. */
class MissingAsyncoroPropertyFailureAnalyzer extends AbstractFailureAnalyzer<MissingAsyncoroPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingAsyncoroPropertyException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Set " + cause.getProperty() + ": " + cause.getAction() + ".", cause);
    }
}
