package io.asyncoro.net;

import java.io.IOException;

/** How a server cuts a byte stream into messages. */
public enum Framing {

    /** asyncoro's {@code send_msg}/{@code recv_msg}: a 4-byte big-endian unsigned length, then the payload. */
    MESSAGE {
        @Override
        public byte[] read(AsyncSocket socket, int rawChunkSize) throws IOException {
            return socket.recvMsg();
        }

        @Override
        public void write(AsyncSocket socket, byte[] message) throws IOException {
            socket.sendMsg(message);
        }
    },

    /** Lines ended by {@code \n} (or {@code \r\n}); a reply gets {@code \n} appended. */
    LINE {
        @Override
        public byte[] read(AsyncSocket socket, int rawChunkSize) throws IOException {
            return socket.recvLine();
        }

        @Override
        public void write(AsyncSocket socket, byte[] message) throws IOException {
            socket.sendLine(message);
        }
    },

    /** No framing: each read returns whatever bytes arrived, each write sends the bytes as they are. */
    RAW {
        @Override
        public byte[] read(AsyncSocket socket, int rawChunkSize) throws IOException {
            byte[] data = socket.recv(rawChunkSize);
            return data.length == 0 ? null : data;
        }

        @Override
        public void write(AsyncSocket socket, byte[] message) throws IOException {
            socket.sendAll(message);
        }
    };

    /**
     * Reads the next message.
     *
     * @param rawChunkSize for {@link #RAW}, the most bytes one read returns
     * @return the message, or {@code null} at a clean end of stream
     */
    public abstract byte[] read(AsyncSocket socket, int rawChunkSize) throws IOException;

    /** Writes one message. */
    public abstract void write(AsyncSocket socket, byte[] message) throws IOException;
}
