package io.asyncoro.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Fans each event out to several observers. */
final class CompositeServerObserver implements ServerObserver {

    private final ServerObserver[] observers;

    CompositeServerObserver(List<ServerObserver> observers) {
        this.observers = observers.toArray(ServerObserver[]::new);
    }

    @Override
    public void serverStarted(AsyncSocketServerInfo server) {
        for (ServerObserver o : observers) {
            o.serverStarted(server);
        }
    }

    @Override
    public void serverStopped(AsyncSocketServerInfo server) {
        for (ServerObserver o : observers) {
            o.serverStopped(server);
        }
    }

    @Override
    public void connectionOpened() {
        for (ServerObserver o : observers) {
            o.connectionOpened();
        }
    }

    @Override
    public void connectionOpened(InetSocketAddress remote) {
        for (ServerObserver o : observers) {
            o.connectionOpened(remote);
        }
    }

    @Override
    public void connectionClosed(Duration duration) {
        for (ServerObserver o : observers) {
            o.connectionClosed(duration);
        }
    }

    @Override
    public void connectionRejected(RejectReason reason) {
        for (ServerObserver o : observers) {
            o.connectionRejected(reason);
        }
    }

    @Override
    public void tlsHandshake(Duration duration, boolean success) {
        for (ServerObserver o : observers) {
            o.tlsHandshake(duration, success);
        }
    }

    @Override
    public void error(ErrorKind kind, Throwable failure) {
        for (ServerObserver o : observers) {
            o.error(kind, failure);
        }
    }

    @Override
    public void bytesReceived(int count) {
        for (ServerObserver o : observers) {
            o.bytesReceived(count);
        }
    }

    @Override
    public void bytesSent(int count) {
        for (ServerObserver o : observers) {
            o.bytesSent(count);
        }
    }

    @Override
    public void messageReceived(int payloadLength) {
        for (ServerObserver o : observers) {
            o.messageReceived(payloadLength);
        }
    }

    @Override
    public void messageSent(int payloadLength) {
        for (ServerObserver o : observers) {
            o.messageSent(payloadLength);
        }
    }
}
