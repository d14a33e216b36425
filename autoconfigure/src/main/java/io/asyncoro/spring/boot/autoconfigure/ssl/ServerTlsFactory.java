package io.asyncoro.spring.boot.autoconfigure.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsKeyMaterial;
import io.asyncoro.net.TlsProvider;
import io.asyncoro.net.TlsProviderUnavailableException;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.ServerSslProperties;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroPropertiesValidator;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.MissingSslBundleException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnavailableTlsProviderException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnreadableKeyStoreException;

/**
 * Builds a server's {@link TlsServerConfig} from its {@code ssl.*} properties: from a Spring SSL bundle
 * (following its updates, so a bundle with {@code reload-on-update} serves its new certificate to new
 * connections while open ones keep theirs), or from a key store given inline as a Spring resource location.
 */
public class ServerTlsFactory {

    private static final Log logger = LogFactory.getLog(ServerTlsFactory.class);

    private static final String NETTY_OPENSSL = "io.netty.handler.ssl.OpenSsl";

    private final SslBundles sslBundles;
    private final ResourceLoader resourceLoader;

    /**
     * A factory.
     *
     * @param sslBundles the application's bundles, or {@code null} when there are none
     * @param resourceLoader resolves key store locations such as {@code classpath:chat.p12}
     */
    public ServerTlsFactory(SslBundles sslBundles, ResourceLoader resourceLoader) {
        this.sslBundles = sslBundles;
        this.resourceLoader = resourceLoader;
    }

    /**
     * The TLS settings of a server, or {@code null} when it serves plain TCP: {@code ssl.enabled} is false, or
     * unset with no key material named. Key material named next to an explicit {@code ssl.enabled=false} is
     * logged as a warning, since it usually means TLS was meant.
     *
     * @throws MissingSslBundleException when {@code ssl.bundle} names no bundle
     * @throws UnreadableKeyStoreException when the key store or trust store cannot be read
     */
    public TlsServerConfig create(String serverName, ServerSslProperties ssl) {
        String prefix = "asyncoro.servers." + serverName + ".ssl.";
        if (!ssl.servesTls()) {
            if (ssl.namesKeyMaterial()) {
                logger.warn("[" + serverName + "] serves plain TCP: " + prefix + "enabled is false although "
                        + prefix + (StringUtils.hasText(ssl.getBundle()) ? "bundle" : "key-store")
                        + " is set; remove " + prefix + "enabled to serve TLS");
            }
            return null;
        }
        TlsServerConfig.Builder builder = TlsServerConfig.builder()
            .provider(provider(prefix, ssl))
            .protocols(ssl.getProtocols())
            .clientAuth(ssl.getClientAuth())
            .handshakeTimeout(ssl.getHandshakeTimeout());
        if (StringUtils.hasText(ssl.getBundle())) {
            return fromBundle(serverName, prefix, ssl, builder);
        }
        if (!StringUtils.hasText(ssl.getKeyStore())) {
            throw new InvalidAsyncoroPropertyException(prefix + "bundle", "",
                    "set when ssl.enabled is true, or else set " + prefix + "key-store");
        }
        KeyStore keyStore = load(prefix + "key-store", ssl.getKeyStore(), ssl.getKeyStoreType(),
                ssl.getKeyStorePassword());
        KeyStore trustStore = StringUtils.hasText(ssl.getTrustStore()) ? load(prefix + "trust-store",
                ssl.getTrustStore(), ssl.getTrustStoreType(), ssl.getTrustStorePassword()) : null;
        String keyPassword = ssl.getKeyPassword() != null ? ssl.getKeyPassword() : ssl.getKeyStorePassword();
        try {
            if (ssl.getProvider() == TlsProvider.OPENSSL) {
                TlsKeyMaterial material = TlsKeyMaterial.of(keyStore, chars(keyPassword), trustStore);
                return build(prefix, builder.keyMaterial(() -> material));
            }
            SSLContext context = SslContexts.create(keyStore, chars(keyPassword), trustStore);
            return builder.sslContext(context).build();
        }
        catch (IOException ex) {
            throw new UnreadableKeyStoreException(prefix + "key-password", ssl.getKeyStore(), ex);
        }
    }

    /**
     * The provider asked for. OpenSSL's presence is checked here with the application's class loader, so a
     * missing Netty fails startup naming the property, before core tries to load it.
     */
    private TlsProvider provider(String prefix, ServerSslProperties ssl) {
        if (ssl.getProvider() == TlsProvider.OPENSSL
                && !ClassUtils.isPresent(NETTY_OPENSSL, this.resourceLoader.getClassLoader())) {
            throw new UnavailableTlsProviderException(prefix + "provider", new TlsProviderUnavailableException(
                    NETTY_OPENSSL + " is not on the class path: add " + TlsProviderUnavailableException.ARTIFACTS, null));
        }
        return ssl.getProvider();
    }

    private static TlsServerConfig build(String prefix, TlsServerConfig.Builder builder) {
        try {
            return builder.build();
        }
        catch (TlsProviderUnavailableException ex) {
            throw new UnavailableTlsProviderException(prefix + "provider", ex);
        }
    }

    private TlsServerConfig fromBundle(String serverName, String prefix, ServerSslProperties ssl,
            TlsServerConfig.Builder builder) {
        String name = ssl.getBundle();
        SslBundle bundle = bundle(serverName, name);
        String[] bundleProtocols = bundle.getOptions().getEnabledProtocols();
        if (bundleProtocols != null && bundleProtocols.length > 0) {
            // A bundle's own protocols replace ssl.protocols, so they must meet the same TLS 1.2+ rule.
            List<String> protocols = List.of(bundleProtocols);
            if (!AsyncoroPropertiesValidator.TLS_PROTOCOLS.containsAll(protocols)) {
                throw new InvalidAsyncoroPropertyException("spring.ssl.bundle.*." + name + ".options.enabled-protocols",
                        protocols, "a list of TLSv1.3, TLSv1.2 (the bundle is served by " + prefix + "bundle)");
            }
            builder.protocols(protocols);
        }
        String[] ciphers = bundle.getOptions().getCiphers();
        if (ciphers != null && ciphers.length > 0) {
            builder.cipherSuites(List.of(ciphers));
        }
        if (ssl.getProvider() == TlsProvider.OPENSSL) {
            // OpenSSL takes the bundle's key and trust managers: its SSLContext cannot be handed over.
            loadBundle(serverName, prefix, ssl, bundle);
            AtomicReference<TlsKeyMaterial> material = new AtomicReference<>(keyMaterial(bundle));
            this.sslBundles.addBundleUpdateHandler(name, updated -> {
                material.set(keyMaterial(updated));
                logger.info("[" + serverName + "] SSL bundle '" + name
                        + "' was updated; new connections get its new certificate (OpenSSL)");
            });
            return build(prefix, builder.keyMaterial(material::get));
        }
        AtomicReference<SSLContext> current = new AtomicReference<>(loadBundle(serverName, prefix, ssl, bundle));
        this.sslBundles.addBundleUpdateHandler(name, updated -> {
            current.set(updated.createSslContext());
            logger.info("[" + serverName + "] SSL bundle '" + name
                    + "' was updated; new connections get its new certificate");
        });
        return builder.sslContext(current::get).build();
    }

    /**
     * The bundle's context, its stores read now so that a wrong password or a missing file fails startup
     * with the same analysis as an inline key store, naming the server and the bundle.
     */
    private static SSLContext loadBundle(String serverName, String prefix, ServerSslProperties ssl,
            SslBundle bundle) {
        String name = ssl.getBundle();
        try {
            if (ssl.getClientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
                throw new InvalidAsyncoroPropertyException(prefix + "client-auth", ssl.getClientAuth(),
                        AsyncoroPropertiesValidator.clientAuthNeedsTrustStore(prefix));
            }
            return bundle.createSslContext();
        }
        catch (InvalidAsyncoroPropertyException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw UnreadableKeyStoreException.ofBundle(serverName, name, ex);
        }
    }

    private static TlsKeyMaterial keyMaterial(SslBundle bundle) {
        return new TlsKeyMaterial(bundle.getManagers().getKeyManagerFactory(),
                bundle.getManagers().getTrustManagerFactory());
    }

    private SslBundle bundle(String serverName, String name) {
        if (this.sslBundles == null) {
            throw new MissingSslBundleException(serverName, name, List.of(), null);
        }
        try {
            return this.sslBundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new MissingSslBundleException(serverName, name, this.sslBundles.getBundleNames(), ex);
        }
    }

    private KeyStore load(String property, String location, String type, String password) {
        Resource resource = this.resourceLoader.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return SslContexts.loadKeyStore(in, location, type, chars(password));
        }
        catch (IOException ex) {
            throw new UnreadableKeyStoreException(property, location, ex);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
