package io.asyncoro.net;

import java.net.InetSocketAddress;

/**
 * A datagram received by {@link AsyncSocket#recvFrom(int)}: asyncoro's {@code (data, address)} pair.
 *
 * @param data the payload
 * @param sender where it came from
 */
public record Datagram(byte[] data, InetSocketAddress sender) {
}
