package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link InvalidAsyncoroPropertyException}: an asyncoro property out of range. */
class InvalidAsyncoroPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAsyncoroPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAsyncoroPropertyException cause) {
        return new FailureAnalysis("Invalid value '" + cause.getValue() + "' for property " + cause.getProperty() + ".",
                "Update " + cause.getProperty() + ": it must be " + cause.getAllowed() + ".", cause);
    }
}
