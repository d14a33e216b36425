package io.asyncoro.net.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A decoded PROXY protocol header.
 *
 * <p>{@code source} and {@code destination} are the original client and the address it connected to, as the
 * proxy reports them. They are both {@code null} when the header carries no usable addresses (a v2
 * {@link ProxyCommand#LOCAL} connection, v1 {@code UNKNOWN}, v2 {@code AF_UNSPEC} or {@code AF_UNIX}); the
 * spec then says to keep the connection's own addresses, which {@link #hasAddresses()}, {@link #sourceOr}
 * and {@link #destinationOr} make explicit.
 *
 * @param version 1 (text) or 2 (binary)
 * @param command {@link ProxyCommand#PROXY} or, in version 2 only, {@link ProxyCommand#LOCAL}
 * @param source the original client's address and port, or {@code null}
 * @param destination the address and port the client connected to, or {@code null}
 */
public record ProxyHeader(int version, ProxyCommand command, InetSocketAddress source,
        InetSocketAddress destination) {

    /** Checks the combination: both addresses or neither, none for LOCAL, LOCAL only in version 2. */
    public ProxyHeader {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version must be 1 or 2: " + version);
        }
        Objects.requireNonNull(command, "command");
        if ((source == null) != (destination == null)) {
            throw new IllegalArgumentException("source and destination must both be given or both be null");
        }
        if (command == ProxyCommand.LOCAL && (version == 1 || source != null)) {
            throw new IllegalArgumentException("LOCAL is a version 2 command without addresses");
        }
    }

    /** A header that says "use the connection's own addresses". */
    public static ProxyHeader unknown(int version, ProxyCommand command) {
        return new ProxyHeader(version, command, null, null);
    }

    /** Whether the header replaces the connection's addresses; when false, keep the connection's own. */
    public boolean hasAddresses() {
        return source != null;
    }

    /** The client address to use: the header's, or {@code connectionRemote} when it has none. */
    public InetSocketAddress sourceOr(InetSocketAddress connectionRemote) {
        return source != null ? source : connectionRemote;
    }

    /** The server address to use: the header's, or {@code connectionLocal} when it has none. */
    public InetSocketAddress destinationOr(InetSocketAddress connectionLocal) {
        return destination != null ? destination : connectionLocal;
    }
}
