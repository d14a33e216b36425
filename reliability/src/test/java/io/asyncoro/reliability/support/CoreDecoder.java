package io.asyncoro.reliability.support;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.MessageTooLargeException;
import io.asyncoro.net.TruncatedMessageException;

/**
 * Runs core's {@link AsyncSocket#recvMsg()} over a real loopback connection until the stream ends, and reports
 * the result in the reference decoder's terms. Only the documented outcomes are translated: any other exception
 * escapes and fails the test.
 */
public final class CoreDecoder {

    private CoreDecoder() {
    }

    /** Writes {@code bytes} on a fresh loopback connection, ends the stream and decodes it with core. */
    public static Frames.Decoded decode(byte[] bytes, long maxMessageSize) throws IOException {
        try (LoopbackPair pair = LoopbackPair.open()) {
            Socket raw = pair.raw();
            // At most a few KiB: the socket buffers take it all, so writing before reading cannot deadlock.
            raw.getOutputStream().write(bytes);
            raw.shutdownOutput();
            return decodeAll(pair.decoder(), maxMessageSize);
        }
    }

    /** Reads messages from {@code socket} until end of stream or a documented failure. */
    public static Frames.Decoded decodeAll(AsyncSocket socket, long maxMessageSize) throws IOException {
        socket.setMaxMessageSize(maxMessageSize);
        socket.setTimeout(Servers.CLIENT_TIMEOUT);
        List<byte[]> messages = new ArrayList<>();
        try {
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                if (message.length > maxMessageSize) {
                    throw new AssertionError("decoded " + message.length + " bytes past the limit " + maxMessageSize);
                }
                messages.add(message);
            }
            return new Frames.Decoded(messages, Frames.Outcome.CLEAN_END);
        }
        catch (MessageTooLargeException ex) {
            return new Frames.Decoded(messages, Frames.Outcome.TOO_LARGE);
        }
        catch (TruncatedMessageException ex) {
            return new Frames.Decoded(messages, Frames.Outcome.TRUNCATED);
        }
    }

    /** Whether two decodes produced the same messages and ended the same way. */
    public static boolean same(Frames.Decoded a, Frames.Decoded b) {
        if (a.outcome() != b.outcome() || a.messages().size() != b.messages().size()) {
            return false;
        }
        for (int i = 0; i < a.messages().size(); i++) {
            if (!java.util.Arrays.equals(a.messages().get(i), b.messages().get(i))) {
                return false;
            }
        }
        return true;
    }
}
