package io.asyncoro.spring.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates node ids: unique per process, short enough to read in logs and Redis keys. */
public final class NodeIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIds() {
    }

    /** A new random id: 12 hex digits (48 bits), so two processes of one cluster practically never share one. */
    public static String generate() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
