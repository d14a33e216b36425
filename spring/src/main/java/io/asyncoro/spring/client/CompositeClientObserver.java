package io.asyncoro.spring.client;

import java.net.InetSocketAddress;
import java.util.List;

/** Tells several observers, in order. */
final class CompositeClientObserver implements ClientObserver {

    private final ClientObserver[] observers;

    private CompositeClientObserver(List<ClientObserver> observers) {
        this.observers = observers.toArray(ClientObserver[]::new);
    }

    /** One observer for all of {@code observers}: {@link ClientObserver#NONE} or the only one when it can. */
    static ClientObserver of(List<ClientObserver> observers) {
        if (observers.isEmpty()) {
            return ClientObserver.NONE;
        }
        return observers.size() == 1 ? observers.get(0) : new CompositeClientObserver(observers);
    }

    @Override
    public void connected(InetSocketAddress address) {
        for (ClientObserver o : this.observers) {
            o.connected(address);
        }
    }

    @Override
    public void connectFailed(InetSocketAddress address, Throwable failure) {
        for (ClientObserver o : this.observers) {
            o.connectFailed(address, failure);
        }
    }

    @Override
    public void disconnected() {
        for (ClientObserver o : this.observers) {
            o.disconnected();
        }
    }

    @Override
    public void requestCompleted(long nanos, boolean success) {
        for (ClientObserver o : this.observers) {
            o.requestCompleted(nanos, success);
        }
    }

    @Override
    public void bytesReceived(int count) {
        for (ClientObserver o : this.observers) {
            o.bytesReceived(count);
        }
    }

    @Override
    public void bytesSent(int count) {
        for (ClientObserver o : this.observers) {
            o.bytesSent(count);
        }
    }
}
