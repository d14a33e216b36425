package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.logging.LogFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** Analyses a startup failure the way {@code SpringApplication} does: with every registered analyzer. */
final class FailureAnalysisSupport {

    private FailureAnalysisSupport() {
    }

    /** Runs {@code runner}, checks that startup failed, and analyses the failure. */
    static FailureAnalysis analyzeFailedStartup(ApplicationContextRunner runner) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = analyze(context.getStartupFailure());
        });
        return analysis[0];
    }

    static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, FailureHandler.logging(LogFactory.getLog(FailureAnalysisSupport.class)));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no failure analyzer explains " + failure, failure);
    }
}
