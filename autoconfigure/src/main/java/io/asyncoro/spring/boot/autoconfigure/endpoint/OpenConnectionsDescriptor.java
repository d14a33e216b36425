package io.asyncoro.spring.boot.autoconfigure.endpoint;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.asyncoro.spring.connection.AsyncConnection;

/**
 * Who is connected to one server: {@code /actuator/asyncoro/{server}}. At most {@value #MAX_LISTED} connections
 * are listed, the longest open first; {@code total} counts them all.
 *
 * @param server the server's name
 * @param total how many connections are open now
 * @param listed how many are listed below
 * @param connections the connections listed
 */
public record OpenConnectionsDescriptor(String server, int total, int listed, List<ConnectionDescriptor> connections)
        implements OperationResponseBody {

    /** The most connections one answer lists. */
    public static final int MAX_LISTED = 1_000;

    static OpenConnectionsDescriptor of(String server, Collection<AsyncConnection> open) {
        List<ConnectionDescriptor> listed = open.stream()
            .map(ConnectionDescriptor::of)
            .sorted(Comparator.comparing(ConnectionDescriptor::openedAt, Comparator.nullsLast(Comparator.naturalOrder())))
            .limit(MAX_LISTED)
            .toList();
        return new OpenConnectionsDescriptor(server, open.size(), listed.size(), listed);
    }

    /**
     * One open connection.
     *
     * @param id the connection's id within its server
     * @param remoteAddress the peer's address as the server sees it ({@code host:port})
     * @param localAddress the server's address on this connection
     * @param openedAt when it was accepted
     * @param bytesIn bytes read from the peer (frame headers included, TLS records not), {@code -1} if not counted
     * @param bytesOut bytes written to the peer, likewise
     * @param tlsProtocol the TLS protocol negotiated, {@code null} without TLS
     */
    public record ConnectionDescriptor(String id, String remoteAddress, String localAddress, Instant openedAt,
            long bytesIn, long bytesOut, String tlsProtocol) {

        static ConnectionDescriptor of(AsyncConnection connection) {
            return new ConnectionDescriptor(connection.id(), address(connection.remoteAddress()),
                    address(connection.localAddress()), connection.openedAt(), connection.bytesReceived(),
                    connection.bytesSent(), connection.tlsProtocol().orElse(null));
        }

        private static String address(InetSocketAddress address) {
            if (address == null) {
                return null;
            }
            String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
        }
    }
}
