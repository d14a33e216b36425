package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link UnavailableTlsProviderException}: {@code ssl.provider=openssl} without a usable OpenSSL. */
class UnavailableTlsProviderFailureAnalyzer extends AbstractFailureAnalyzer<UnavailableTlsProviderException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnavailableTlsProviderException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Add " + cause.getArtifacts() + " (the latter with the build for this platform, or without a classifier "
                        + "for all of them) to the application, or set " + cause.getProperty()
                        + "=jdk to use the JDK's TLS.", cause);
    }
}
