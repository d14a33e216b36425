package io.asyncoro.bench;

import java.io.InputStream;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The benchmark's TLS material: a self-signed localhost key (test only, password changeit) and its trust store. */
final class Tls {

    static final String PROTOCOL = "TLSv1.3";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private Tls() {
    }

    static KeyManagerFactory keyManagers() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load("tls/server.p12"), PASSWORD);
        return kmf;
    }

    static SSLContext serverContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers().getKeyManagers(), null, null);
        return context;
    }

    static SSLContext clientContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("tls/truststore.p12"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        // Every connection must be a full handshake: nothing is kept for resumption.
        context.getClientSessionContext().setSessionCacheSize(1);
        return context;
    }

    private static KeyStore load(String resource) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Tls.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            store.load(in, PASSWORD);
        }
        return store;
    }
}
