package io.asyncoro.sample.chat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * The chat room of asyncoro's {@code chat_sock_server.py}, shared by every chat server of the application
 * (plain and TLS): a newcomer gets {@code id: N}, the others get {@code N joined}; a message reaches every
 * other member as {@code N says: text}; a member who leaves is announced as {@code N left}.
 *
 * <p>Messages go out through the {@link ConnectionRegistry}, which only queues them on each connection: a
 * member that reads slowly never holds up the room, and is dropped once its queue overflows.
 *
 * <p>Joining and leaving take a lock, so that joins and leaves happen in one order that every member sees,
 * each notice once, and a newcomer's first message is always its {@code id}: of two members, exactly one
 * hears the other join. Chat messages need no lock: they are queued to whoever is a member at that moment.
 * A leaving connection is unlisted by the registry as soon as the server reads its end of stream, so it hears
 * nothing more, not even a leave that happens at the same moment.
 */
@Component
public class ChatRoom {

    /** The connection attribute holding the member's number; present exactly while it is a member. */
    static final String NUMBER = ChatRoom.class.getName() + ".number";

    private final ConnectionRegistry registry;
    private final Set<String> servers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock membership = new ReentrantLock();
    private int lastNumber;

    /** A room whose messages go out through {@code registry}. */
    public ChatRoom(ConnectionRegistry registry) {
        this.registry = registry;
    }

    /** Admits a connection: it gets its number, and the members hear of it. */
    public void join(AsyncConnection connection) {
        this.servers.add(connection.serverName());
        this.membership.lock();
        try {
            int number = ++this.lastNumber;
            connection.send("id: " + number);
            broadcast(number + " joined", connection);
            connection.attributes().put(NUMBER, number);
        }
        finally {
            this.membership.unlock();
        }
    }

    /** Relays a member's message to every other member. */
    public void say(AsyncConnection connection, String text) {
        Object number = connection.attributes().get(NUMBER);
        if (number != null) {
            broadcast(number + " says: " + text, connection);
        }
    }

    /** Lets a connection go (whether it closed, half-closed or failed); the others hear of it once. */
    public void leave(AsyncConnection connection) {
        this.membership.lock();
        try {
            Object number = connection.attributes().remove(NUMBER);
            if (number != null) {
                broadcast(number + " left", connection);
            }
        }
        finally {
            this.membership.unlock();
        }
    }

    /** How many members the room has. */
    public int size() {
        int members = 0;
        for (String server : this.servers) {
            for (AsyncConnection connection : this.registry.connections(server)) {
                if (connection.attributes().containsKey(NUMBER)) {
                    members++;
                }
            }
        }
        return members;
    }

    private void broadcast(String text, AsyncConnection sender) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        for (String server : this.servers) {
            this.registry.broadcast(server, payload,
                    (member) -> member != sender && member.attributes().containsKey(NUMBER));
        }
    }
}
