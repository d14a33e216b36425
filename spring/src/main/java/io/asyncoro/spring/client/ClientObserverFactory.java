package io.asyncoro.spring.client;

/** Makes the {@link ClientObserver} of each client, for example one publishing its meters. */
@FunctionalInterface
public interface ClientObserverFactory {

    /** The observer of the named client. */
    ClientObserver observer(String clientName);
}
