package io.asyncoro.net;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A Unix domain stream socket: read by the {@link Poller} and written by its coroutine exactly as plain TCP (see
 * {@link PolledTransport}), with the same framing and closing. What differs is what a local socket lacks: no Nagle
 * delay to turn off, no connect timeout (a local connect succeeds or fails at once), no IP addresses (the path is
 * the address; {@link AsyncSocket#localAddress()} and {@link AsyncSocket#remoteAddress()} are {@code null}).
 */
final class UnixDomainTransport extends PolledTransport {

    UnixDomainTransport(SocketChannel channel, SocketSettings settings) throws IOException {
        super(channel, settings);
    }

    /** Connects to the socket file at {@code address}. */
    static UnixDomainTransport connect(UnixDomainSocketAddress address, SocketSettings settings) throws IOException {
        return overNewChannel(address, Duration.ZERO, channel -> new UnixDomainTransport(channel, settings));
    }

    @Override
    public String kind() {
        return "unix";
    }
}
