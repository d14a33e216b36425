package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link UnreadableKeyStoreException}: a key store, given inline or through an SSL bundle, that
 * cannot be read. Both get the same analysis, naming the property and the store.
 */
class UnreadableKeyStoreFailureAnalyzer extends AbstractFailureAnalyzer<UnreadableKeyStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnreadableKeyStoreException cause) {
        return new FailureAnalysis("The key store " + cause.getLocation() + " given by " + cause.getProperty()
                + " cannot be read: " + cause.getReason() + ".",
                "Check that " + cause.getProperty() + " points at a readable PKCS12 or JKS file (for example "
                        + "classpath:server.p12 or file:/etc/tls/server.p12, directly or through the bundle's "
                        + "keystore.location) and that its password and type properties are right.",
                cause);
    }
}
