package io.asyncoro.spring.boot.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.PropertyMapper;

import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.boot.autoconfigure.ssl.ServerTlsFactory;
import io.asyncoro.spring.connection.SendQueueLimits;
import io.asyncoro.spring.server.AdmissionSettings;
import io.asyncoro.spring.server.SocketServerSettings;

/**
 * Maps {@code asyncoro.servers.<name>.*} to the Boot-free {@link SocketServerSettings} the servers are built
 * from: checks every value first (a bad one fails naming its property), resolves the address and loads the
 * TLS key material.
 */
public final class ServerSettingsMapper {

    private final ServerTlsFactory tlsFactory;
    private final FramingFactory framingFactory;

    /** A mapper loading TLS material through {@code tlsFactory}, with no {@code codec} beans. */
    public ServerSettingsMapper(ServerTlsFactory tlsFactory) {
        this(tlsFactory, new FramingFactory(null));
    }

    /** A mapper loading TLS material through {@code tlsFactory} and codecs through {@code framingFactory}. */
    public ServerSettingsMapper(ServerTlsFactory tlsFactory, FramingFactory framingFactory) {
        this.tlsFactory = tlsFactory;
        this.framingFactory = framingFactory;
    }

    /** Every configured server's settings, in configuration order. */
    public List<SocketServerSettings> map(AsyncoroProperties properties) {
        List<SocketServerSettings> all = new ArrayList<>();
        for (Map.Entry<String, AsyncoroProperties.Server> entry : properties.getServers().entrySet()) {
            all.add(map(entry.getKey(), entry.getValue()));
        }
        return all;
    }

    /**
     * One server's settings.
     *
     * @throws InvalidAsyncoroPropertyException for a value a server cannot use
     */
    public SocketServerSettings map(String serverName, AsyncoroProperties.Server server) {
        AsyncoroPropertiesValidator.validate(serverName, server);
        SocketServerSettings.Builder builder = SocketServerSettings.builder(serverName);
        PropertyMapper map = PropertyMapper.get();
        map.from(server::getProtocol).to(builder::protocol);
        map.from(address(serverName, server)).always().to(builder::address);
        map.from(server::getPort).to(builder::port);
        map.from(server::getBacklog).to(builder::backlog);
        map.from(server::isBlocking).to(builder::blocking);
        map.from(server::getFraming).as(FramingFactory::asyncoroFraming).to(builder::framing);
        if (server.getProtocol() != io.asyncoro.spring.server.Protocol.UDP) {
            builder.codec(this.framingFactory.codec("asyncoro.servers." + serverName + ".", server));
        }
        map.from(server::getMaxMessageSize).as(s -> s.toBytes()).to(builder::maxMessageSize);
        map.from(server::getRawReadSize).as(s -> (int) Math.min(Integer.MAX_VALUE, s.toBytes()))
            .to(builder::rawReadSize);
        map.from(server::getMaxConnections).to(builder::maxConnections);
        map.from(server::getIdleTimeout).to(builder::idleTimeout);
        map.from(server::getShutdownGracePeriod).to(builder::shutdownGracePeriod);
        builder.sendQueueLimits(sendQueueLimits(server));
        builder.admission(new AdmissionSettings(server.getAllow(), server.getDeny(),
                server.getMaxConnectionsPerAddress(), server.getReadIdleTimeout(), server.getWriteIdleTimeout()));
        map.from(this.tlsFactory.create(serverName, server.getSsl())).to(builder::tls);
        builder.proxyProtocol(
                AsyncoroPropertiesValidator.proxyProtocol("asyncoro.servers." + serverName + ".proxy-protocol.", server));
        return builder.build();
    }

    private static SendQueueLimits sendQueueLimits(AsyncoroProperties.Server server) {
        SendQueueProperties queue = server.getSendQueue();
        Integer messages = server.getSendQueueCapacity();
        return new SendQueueLimits(queue.getHardLimit().toBytes(), queue.getSoftLimit().toBytes(),
                queue.getSoftPeriod(), (messages != null) ? messages : Integer.MAX_VALUE);
    }

    private static InetAddress address(String serverName, AsyncoroProperties.Server settings) {
        String address = settings.getAddress();
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        }
        catch (UnknownHostException ex) {
            throw new InvalidAsyncoroPropertyException("asyncoro.servers." + serverName + ".address", address,
                    "an IP address or a resolvable host name, for example 0.0.0.0 or 127.0.0.1");
        }
    }
}
