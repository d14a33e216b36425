package io.asyncoro;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A named publish/subscribe channel between coroutines (asyncoro's {@code Channel}): every message sent
 * goes to the message queue of each subscribed coroutine, which takes it with {@link Coro#receive()}.
 * Sending never blocks, so one slow subscriber cannot hold up the others.
 *
 * @param <T> the type of the messages
 */
public final class Channel<T> {

    private final String name;
    private final Set<Coro<?>> subscribers = new CopyOnWriteArraySet<>();

    /** A channel with the given name. */
    public Channel(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds a subscriber; it gets every message sent from now on.
     *
     * @return whether it was not subscribed already
     */
    public boolean subscribe(Coro<?> subscriber) {
        return subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * Removes a subscriber.
     *
     * @return whether it was subscribed
     */
    public boolean unsubscribe(Coro<?> subscriber) {
        return subscribers.remove(subscriber);
    }

    /**
     * Sends {@code message} to every live subscriber; subscribers that have ended are dropped.
     *
     * @return how many subscribers it was delivered to
     */
    public int send(T message) {
        int delivered = 0;
        for (Coro<?> subscriber : subscribers) {
            if (subscriber.send(message)) {
                delivered++;
            }
            else {
                subscribers.remove(subscriber);
            }
        }
        return delivered;
    }

    /** How many coroutines are subscribed. */
    public int subscriberCount() {
        return subscribers.size();
    }

    /** The channel's name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Channel[" + name + ", subscribers=" + subscribers.size() + "]";
    }
}
