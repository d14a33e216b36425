package io.asyncoro.examples.chat;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;

/**
 * The members of the chat and what they are told (asyncoro's {@code server_proc}). Joining, speaking and leaving
 * happen under one lock, so every member sees events in the same order; sending happens outside it, in each
 * member's own writer coroutine.
 */
final class ChatRoom {

    private final AsynCoro asyncoro;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, ChatMember> members = new LinkedHashMap<>();
    // asyncoro numbered clients by file descriptor: small numbers, reused. The lowest free number does the same.
    private final BitSet ids = new BitSet();

    ChatRoom(AsynCoro asyncoro) {
        this.asyncoro = asyncoro;
    }

    /** Adds a client: it gets {@code id: <n>}, everyone else {@code <n> joined}. */
    ChatMember join(AsyncSocket socket) {
        lock.lock();
        try {
            int id = ids.nextClearBit(1);
            ids.set(id);
            ChatMember member = new ChatMember(id, socket);
            member.start(asyncoro);
            member.offer(utf8("id: " + id));
            tellOthers(member, utf8(id + " joined"));
            members.put(id, member);
            return member;
        }
        finally {
            lock.unlock();
        }
    }

    /** Passes a message on to everyone else as {@code <n> says: <text>}. */
    void say(ChatMember from, byte[] text) {
        byte[] prefix = utf8(from.id() + " says: ");
        byte[] message = new byte[prefix.length + text.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(text, 0, message, prefix.length, text.length);
        lock.lock();
        try {
            tellOthers(from, message);
        }
        finally {
            lock.unlock();
        }
    }

    /** Removes a client; everyone else gets {@code <n> left}. Safe to call twice. */
    void leave(ChatMember member) {
        lock.lock();
        try {
            if (members.remove(member.id(), member)) {
                ids.clear(member.id());
                tellOthers(member, utf8(member.id() + " left"));
            }
        }
        finally {
            lock.unlock();
        }
    }

    private void tellOthers(ChatMember sender, byte[] message) {
        for (ChatMember member : members.values()) {
            if (member != sender) {
                member.offer(message);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
