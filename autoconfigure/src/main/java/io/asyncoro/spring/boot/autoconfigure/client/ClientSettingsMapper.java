package io.asyncoro.spring.boot.autoconfigure.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsKeyMaterial;
import io.asyncoro.net.TlsProvider;
import io.asyncoro.net.TlsProviderUnavailableException;
import io.asyncoro.spring.boot.autoconfigure.FramingFactory;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.UnavailableTlsProviderException;
import io.asyncoro.spring.client.ClientSettings;
import io.asyncoro.spring.client.ReconnectBackoff;

/**
 * Maps {@code asyncoro.clients.<name>.*} to the Boot-free {@link ClientSettings}, checking every value first:
 * a bad one fails startup naming its property.
 */
public final class ClientSettingsMapper {

    private final FramingFactory framingFactory;
    private final SslBundles sslBundles;

    /**
     * A mapper.
     *
     * @param sslBundles the application's bundles, {@code null} when there are none
     */
    public ClientSettingsMapper(FramingFactory framingFactory, SslBundles sslBundles) {
        this.framingFactory = framingFactory;
        this.sslBundles = sslBundles;
    }

    /** Every configured client's settings, in configuration order. */
    public List<ClientSettings> map(AsyncoroClientProperties properties) {
        List<ClientSettings> all = new ArrayList<>();
        for (Map.Entry<String, AsyncoroClientProperties.Client> entry : properties.getClients().entrySet()) {
            all.add(map(entry.getKey(), entry.getValue()));
        }
        return all;
    }

    /**
     * One client's settings.
     *
     * @throws InvalidAsyncoroPropertyException for a value a client cannot use
     */
    public ClientSettings map(String name, AsyncoroClientProperties.Client client) {
        String prefix = "asyncoro.clients." + name + ".";
        long maxMessageSize = client.getMaxMessageSize() == null ? -1 : client.getMaxMessageSize().toBytes();
        if (maxMessageSize < 0 || maxMessageSize > AsyncSocket.MAX_RECEIVABLE_LENGTH) {
            throw new InvalidAsyncoroPropertyException(prefix + "max-message-size", client.getMaxMessageSize(),
                    "between 0B and " + AsyncSocket.MAX_RECEIVABLE_LENGTH + "B");
        }
        long rawReadSize = client.getRawReadSize() == null ? -1 : client.getRawReadSize().toBytes();
        if (rawReadSize < 1 || rawReadSize > Integer.MAX_VALUE - 8) {
            throw new InvalidAsyncoroPropertyException(prefix + "raw-read-size", client.getRawReadSize(),
                    "between 1B and 2GB");
        }
        positive(prefix + "connect-timeout", client.getConnectTimeout());
        positive(prefix + "read-timeout", client.getReadTimeout());
        positive(prefix + "pool.max-idle-time", client.getPool().getMaxIdleTime());
        if (client.getPool().getMaxSize() < 1) {
            throw new InvalidAsyncoroPropertyException(prefix + "pool.max-size", client.getPool().getMaxSize(),
                    "at least 1");
        }
        return new ClientSettings(name, addresses(prefix, client), this.framingFactory.messageFraming(prefix, client),
                tls(prefix + "ssl.", client.getSsl()), client.getConnectTimeout(), client.getReadTimeout(),
                maxMessageSize, client.getPool().getMaxSize(), client.getPool().getMaxIdleTime(),
                backoff(prefix + "reconnect.", client.getReconnect()));
    }

    private static List<InetSocketAddress> addresses(String prefix, AsyncoroClientProperties.Client client) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (client.getAddresses() != null && !client.getAddresses().isEmpty()) {
            for (int i = 0; i < client.getAddresses().size(); i++) {
                addresses.add(parse(prefix + "addresses[" + i + "]", client.getAddresses().get(i)));
            }
            return addresses;
        }
        if (!StringUtils.hasText(client.getHost())) {
            throw new InvalidAsyncoroPropertyException(prefix + "host", client.getHost(),
                    "set (with port), or else set " + prefix + "addresses");
        }
        Integer port = client.getPort();
        if (port == null || port < 1 || port > 65535) {
            throw new InvalidAsyncoroPropertyException(prefix + "port", port, "between 1 and 65535");
        }
        // Unresolved: host names are looked up at each connect, so a moved server is found again.
        addresses.add(InetSocketAddress.createUnresolved(client.getHost(), port));
        return addresses;
    }

    private static InetSocketAddress parse(String property, String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidAsyncoroPropertyException(property, address, "host:port, for example billing-1:9000");
        }
        String host = address.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1).trim());
            if (port >= 1 && port <= 65535) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidAsyncoroPropertyException(property, address, "host:port with a port between 1 and 65535");
    }

    private TlsClientConfig tls(String prefix, AsyncoroClientProperties.Ssl ssl) {
        if (!StringUtils.hasText(ssl.getBundle())) {
            return null;
        }
        SslBundle bundle = bundle(prefix, ssl.getBundle());
        TlsClientConfig.Builder builder = TlsClientConfig.builder().provider(ssl.getProvider());
        if (ssl.getProvider() == TlsProvider.OPENSSL) {
            // OpenSSL takes the bundle's trust (and key, if it has one): its SSLContext cannot be handed over.
            SslManagerBundle managers = bundle.getManagers();
            builder.keyMaterial(new TlsKeyMaterial(bundle.getStores().getKeyStore() == null ? null
                    : managers.getKeyManagerFactory(), managers.getTrustManagerFactory()));
        }
        else {
            builder.sslContext(bundle.createSslContext());
        }
        String[] protocols = bundle.getOptions().getEnabledProtocols();
        if (protocols != null && protocols.length > 0) {
            builder.protocols(List.of(protocols));
        }
        if (StringUtils.hasText(ssl.getServerName())) {
            builder.serverName(ssl.getServerName());
        }
        try {
            return builder.build();
        }
        catch (TlsProviderUnavailableException ex) {
            throw new UnavailableTlsProviderException(prefix + "provider", ex);
        }
    }

    private SslBundle bundle(String prefix, String name) {
        List<String> defined = this.sslBundles == null ? List.of() : this.sslBundles.getBundleNames();
        try {
            if (this.sslBundles != null) {
                return this.sslBundles.getBundle(name);
            }
        }
        catch (NoSuchSslBundleException ex) {
            // reported below, with the bundles there are
        }
        throw new InvalidAsyncoroPropertyException(prefix + "bundle", name,
                "the name of a spring.ssl.bundle.* bundle (defined: " + defined + ")");
    }

    private static ReconnectBackoff backoff(String prefix, AsyncoroClientProperties.Reconnect reconnect) {
        Duration initial = reconnect.getInitialBackoff();
        Duration max = reconnect.getMaxBackoff();
        if (initial == null || initial.isNegative()) {
            throw new InvalidAsyncoroPropertyException(prefix + "initial-backoff", initial, "zero or a positive duration");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new InvalidAsyncoroPropertyException(prefix + "max-backoff", max, "at least initial-backoff");
        }
        if (!(reconnect.getMultiplier() >= 1)) {
            throw new InvalidAsyncoroPropertyException(prefix + "multiplier", reconnect.getMultiplier(), "at least 1");
        }
        if (!(reconnect.getJitter() >= 0 && reconnect.getJitter() <= 1)) {
            throw new InvalidAsyncoroPropertyException(prefix + "jitter", reconnect.getJitter(), "between 0 and 1");
        }
        return new ReconnectBackoff(initial, max, reconnect.getMultiplier(), reconnect.getJitter());
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidAsyncoroPropertyException(property, value, "a positive duration");
        }
    }
}
