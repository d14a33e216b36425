package io.asyncoro.sample.chat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.asyncoro.spring.cluster.AsyncoroCluster;
import io.asyncoro.spring.cluster.ClusterMessage;
import io.asyncoro.spring.cluster.NodeSet;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;

/**
 * The chat room of asyncoro's {@code chat_sock_server.py}, shared by every chat server of the application
 * (plain and TLS), and with the {@code cluster} profile by every node: a newcomer gets {@code id: N}, the others
 * get {@code N joined}; a message reaches every other member as {@code N says: text}; a member who leaves is
 * announced as {@code N left}.
 *
 * <p>Messages go out through the {@link ConnectionRegistry}, which only queues them on each connection: a
 * member that reads slowly never holds up the room, and is dropped once its queue overflows. This node's members
 * hear each other at once; the other nodes hear of them through the {@link AsyncoroCluster} bus, which a node
 * running alone (no {@code cluster} profile) has too, doing nothing. Numbers come from a cluster-wide counter.
 * Each node lists its members in a {@link NodeSet}, so that when a node dies the survivors announce its members
 * left.
 *
 * <p>Joining and leaving take a lock, so that joins and leaves happen in one order that every member of this node
 * sees, each notice once, and a newcomer's first message is always its {@code id}: of two members of one node,
 * exactly one hears the other join. Chat messages need no lock: they are queued to whoever is a member at that
 * moment, and a newcomer is one before anyone hears it joined. A leaving connection is unlisted by the registry
 * as soon as the server reads its end of stream, so it hears nothing more, not even a leave that happens at the
 * same moment.
 */
@Component
public class ChatRoom {

    /** The connection attribute holding the member's number; present exactly while it is a member. */
    static final String NUMBER = ChatRoom.class.getName() + ".number";

    /** The cluster bus topic of the room's events. */
    static final String TOPIC = "chat";

    private static final Log logger = LogFactory.getLog(ChatRoom.class);

    private final ConnectionRegistry registry;
    private final AsyncoroCluster cluster;
    private final NodeSet members;
    private final RemoteMembers remote = new RemoteMembers();
    private final Set<String> servers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock membership = new ReentrantLock();

    /** A room whose messages go out through {@code registry} here and through {@code cluster} to other nodes. */
    public ChatRoom(ConnectionRegistry registry, AsyncoroCluster cluster) {
        this.registry = registry;
        this.cluster = cluster;
        this.members = cluster.nodeSet("chat-members");
        cluster.subscribe(TOPIC, this::heard);
        cluster.onNodeDied(this::nodeDied);
    }

    /** Admits a connection: it gets its number, and the members hear of it. */
    public void join(AsyncConnection connection) {
        this.servers.add(connection.serverName());
        // Outside the lock: with a cluster it asks Redis, and other joins need not wait on that.
        long number = this.cluster.increment("chat.member");
        this.membership.lock();
        try {
            connection.send("id: " + number);
            // A member before anyone hears it joined: whoever answers the notice at once must reach it. After
            // the id, so that a message said meanwhile is not its first.
            connection.attributes().put(NUMBER, number);
            announce(ChatEvent.joined(number), connection);
            this.members.add(Long.toString(number));
        }
        finally {
            this.membership.unlock();
        }
    }

    /** Relays a member's message to every other member. */
    public void say(AsyncConnection connection, String text) {
        Object number = connection.attributes().get(NUMBER);
        if (number != null) {
            announce(ChatEvent.said((Long) number, text), connection);
        }
    }

    /** Lets a connection go (whether it closed, half-closed or failed); the others hear of it once. */
    public void leave(AsyncConnection connection) {
        this.membership.lock();
        try {
            Object number = connection.attributes().remove(NUMBER);
            if (number != null) {
                announce(ChatEvent.left((Long) number), connection);
                // After the leave went to the bus: a node dying in between has its member announced left once.
                this.members.remove(number.toString());
            }
        }
        finally {
            this.membership.unlock();
        }
    }

    /** How many members the room has on this node. */
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

    private void announce(ChatEvent event, AsyncConnection sender) {
        deliver(event.protocolText(), sender);
        this.cluster.publish(TOPIC, event.encode());
    }

    /** Another node's event, on the bus's reader thread. */
    private void heard(ClusterMessage message) {
        ChatEvent event;
        try {
            event = ChatEvent.decode(message.payload());
        }
        catch (IllegalArgumentException ex) {
            logger.warn("chat: ignoring a malformed event from node " + message.nodeId() + ": " + ex.getMessage());
            return;
        }
        if (event.kind() == ChatEvent.Kind.SAID) {
            deliver(event.protocolText(), null);
            return;
        }
        this.membership.lock();
        try {
            if (event.kind() == ChatEvent.Kind.JOINED) {
                this.remote.joined(message.nodeId(), event.number());
            }
            else {
                this.remote.left(message.nodeId(), event.number());
            }
            deliver(event.protocolText(), null);
        }
        finally {
            this.membership.unlock();
        }
    }

    private void nodeDied(String node) {
        Set<Long> listed = new TreeSet<>();
        for (String member : this.members.members(node)) {
            try {
                listed.add(Long.parseLong(member));
            }
            catch (NumberFormatException ex) {
                // not a member number: written by something else under the same key
            }
        }
        this.membership.lock();
        try {
            Set<Long> gone = new TreeSet<>(this.remote.stillThere(node, listed));
            logger.info("chat: node " + node + " died; announcing " + gone.size() + " of its members left");
            for (long number : gone) {
                deliver(ChatEvent.left(number).protocolText(), null);
            }
            this.remote.forget(node);
        }
        finally {
            this.membership.unlock();
        }
    }

    private void deliver(String text, AsyncConnection sender) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        for (String server : this.servers) {
            this.registry.broadcast(server, payload,
                    (member) -> member != sender && member.attributes().containsKey(NUMBER));
        }
    }
}
