package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link UnknownAsyncoroPropertyException}: names each unknown key and the valid key nearest to it. */
class UnknownAsyncoroPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownAsyncoroPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownAsyncoroPropertyException cause) {
        StringBuilder description = new StringBuilder("Properties under asyncoro.* that bind to nothing:\n");
        StringBuilder action = new StringBuilder("Correct or remove each of them:\n");
        for (UnknownAsyncoroProperty property : cause.getProperties()) {
            description.append("\n    ").append(property.name()).append(" (from ").append(property.origin()).append(')');
            action.append("\n    ").append(property.name());
            action.append((property.suggestion() != null) ? ": did you mean " + property.suggestion() + "?"
                    : ": no asyncoro property is close to it");
        }
        description.append("\n\nasyncoro ignores no keys: a misspelt one would leave its setting at the default.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }
}
