package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waiting out what crosses nodes late: a member who joins one node may or may not hear a join on the other node
 * that was already on its way through the bus.
 */
final class CrossNode {

    private CrossNode() {
    }

    /**
     * Lets {@code a1} (who joined first, on one node) hear {@code b1} join (on the other), and {@code b1} take whatever
     * of {@code a1}'s join was on its way when it joined: after this, neither has anything pending.
     */
    static void settle(ChatTestClient a1, ChatTestClient b1) throws IOException, InterruptedException {
        a1.expect(b1.number() + " joined");
        a1.say("ready");
        assertThat(readUntil(b1, a1.number() + " says: ready")).allMatch(text -> text.equals(a1.number() + " joined"));
    }

    /** Takes a member's messages until it has had every one of {@code markers}; returns the others. */
    static List<String> readUntil(ChatTestClient member, String... markers) throws InterruptedException {
        Set<String> awaited = new HashSet<>(List.of(markers));
        List<String> others = new ArrayList<>();
        while (!awaited.isEmpty()) {
            String next = member.next();
            if (!awaited.remove(next)) {
                others.add(next);
            }
        }
        return others;
    }
}
