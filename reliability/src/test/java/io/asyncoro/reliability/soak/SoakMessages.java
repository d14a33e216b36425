package io.asyncoro.reliability.soak;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * The soak's checksummed messages: connection id (4 bytes), sequence number (8), a random body, then the CRC32
 * of everything before it (8). Either side can tell a corrupted message from a good one on its own.
 */
final class SoakMessages {

    static final int OVERHEAD = 4 + 8 + 8;

    private SoakMessages() {
    }

    static byte[] create(int connection, long seq, int maxBody) {
        int body = ThreadLocalRandom.current().nextInt(maxBody + 1);
        byte[] message = new byte[OVERHEAD + body];
        ByteBuffer buffer = ByteBuffer.wrap(message);
        buffer.putInt(connection).putLong(seq);
        byte[] random = new byte[body];
        ThreadLocalRandom.current().nextBytes(random);
        buffer.put(random);
        buffer.putLong(crc(message, message.length - 8));
        return message;
    }

    /** Whether the message's checksum matches its contents. */
    static boolean intact(byte[] message) {
        if (message == null || message.length < OVERHEAD) {
            return false;
        }
        return ByteBuffer.wrap(message).getLong(message.length - 8) == crc(message, message.length - 8);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
