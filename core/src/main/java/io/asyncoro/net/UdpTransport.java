package io.asyncoro.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** A UDP socket: whole datagrams, no stream, so no read buffer and no framing. */
final class UdpTransport implements Transport {

    private final DatagramSocket datagram;
    private final SocketSettings settings;
    // One receiver at a time, so the SO_TIMEOUT one sets is the one its receive runs with.
    private final ReentrantLock readLock = new ReentrantLock();
    private volatile boolean closed;

    UdpTransport(DatagramSocket datagram, SocketSettings settings) {
        this.datagram = datagram;
        this.settings = settings;
    }

    @Override
    public SocketSettings settings() {
        return settings;
    }

    int sendTo(byte[] data, SocketAddress target) throws IOException {
        try {
            datagram.send(new DatagramPacket(data, data.length, target));
        }
        catch (IOException ex) {
            throw closedOr(ex, "sendTo");
        }
        settings.listener.bytesSent(data.length);
        settings.listener.messageSent(data.length);
        return data.length;
    }

    Datagram recvFrom(int maxSize) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[maxSize], maxSize);
        readLock.lock();
        try {
            long timeout = settings.timeoutNanos;
            datagram.setSoTimeout(timeout == 0 ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout)));
            datagram.receive(packet);
        }
        catch (SocketTimeoutException ex) {
            throw settings.readTimeout("recvFrom", ex);
        }
        catch (IOException ex) {
            throw closedOr(ex, "recvFrom");
        }
        finally {
            readLock.unlock();
        }
        byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
        settings.listener.bytesReceived(data.length);
        settings.listener.messageReceived(data.length);
        return new Datagram(data, (InetSocketAddress) packet.getSocketAddress());
    }

    private IOException closedOr(IOException ex, String op) {
        if (closed) {
            SocketClosedException closedEx = new SocketClosedException(op);
            closedEx.initCause(ex);
            return closedEx;
        }
        return ex;
    }

    @Override
    public SocketAddress localAddress() {
        return datagram.getLocalSocketAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return datagram.getRemoteSocketAddress();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        datagram.close();
    }

    @Override
    public String kind() {
        return "udp";
    }
}
