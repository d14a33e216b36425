package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link MissingSslBundleException}: a server names an SSL bundle that does not exist. */
class MissingSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<MissingSslBundleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSslBundleException cause) {
        return new FailureAnalysis("Server '" + cause.getServerName() + "' uses SSL bundle '" + cause.getBundle()
                + "' (asyncoro.servers." + cause.getServerName() + ".ssl.bundle), which is not defined. Defined bundles: "
                + cause.getAvailableBundles() + ".",
                "Define the bundle under spring.ssl.bundle.jks." + cause.getBundle() + " or spring.ssl.bundle.pem."
                + cause.getBundle() + ", or correct asyncoro.servers." + cause.getServerName() + ".ssl.bundle.", cause);
    }
}
