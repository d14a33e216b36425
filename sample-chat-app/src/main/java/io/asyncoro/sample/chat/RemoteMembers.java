package io.asyncoro.sample.chat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of other nodes as this node heard of them: who joined and has not left yet, per node, and who left
 * lately. When a node dies its members are announced left from its set in Redis and from what was heard here,
 * less those already heard leaving: a node that died after publishing a leave but before taking the member out of
 * its set must not have that member announced twice.
 */
final class RemoteMembers {

    /** How many recent leaves are remembered per node: far more than can be in flight when a node dies. */
    private static final int RECENT_LEAVES = 4096;

    private final Map<String, Set<Long>> joined = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> recentlyLeft = new ConcurrentHashMap<>();

    void joined(String node, long number) {
        this.joined.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(number);
    }

    void left(String node, long number) {
        Set<Long> members = this.joined.get(node);
        if (members != null) {
            members.remove(number);
        }
        Set<Long> recent = this.recentlyLeft.computeIfAbsent(node, n -> boundedSet());
        synchronized (recent) {
            recent.add(number);
        }
    }

    /** Those of a dead node's members not heard leaving: {@code listed} (its set in Redis) and those heard joining. */
    Set<Long> stillThere(String node, Set<Long> listed) {
        Set<Long> members = new HashSet<>(listed);
        members.addAll(this.joined.getOrDefault(node, Set.of()));
        Set<Long> recent = this.recentlyLeft.get(node);
        if (recent != null) {
            synchronized (recent) {
                members.removeAll(recent);
            }
        }
        return members;
    }

    /** Forgets a dead node, once its members have been announced. */
    void forget(String node) {
        this.joined.remove(node);
        this.recentlyLeft.remove(node);
    }

    private static Set<Long> boundedSet() {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > RECENT_LEAVES;
            }
        });
    }
}
