package io.asyncoro.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * {@code vt-raw} and {@code platform-raw}: a JDK {@link ServerSocket} and a thread per connection (virtual or
 * platform), blocking streams, the same 8 KiB read buffer as the library. The baseline the library must match.
 */
final class BlockingEchoServer implements EchoServer {

    private final boolean virtual;

    BlockingEchoServer(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    public int listen(boolean framed, SSLContext tls) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server;
        if (tls == null) {
            server = new ServerSocket(0, 4096, loopback);
        }
        else {
            SSLServerSocket ssl = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 4096, loopback);
            ssl.setEnabledProtocols(new String[] { Tls.PROTOCOL });
            server = ssl;
        }
        Thread.Builder threads = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true).stackSize(256 * 1024);
        Thread.ofPlatform().daemon(true).name("accept-" + server.getLocalPort()).start(() -> {
            while (true) {
                Socket socket;
                try {
                    socket = server.accept();
                    socket.setTcpNoDelay(true);
                }
                catch (IOException ex) {
                    return;
                }
                threads.start(() -> serve(socket, framed));
            }
        });
        return server.getLocalPort();
    }

    private static void serve(Socket socket, boolean framed) {
        try (socket) {
            if (framed) {
                echoMessages(socket.getInputStream(), socket.getOutputStream());
            }
            else {
                echoBytes(socket.getInputStream(), socket.getOutputStream());
            }
        }
        catch (IOException ex) {
            // the client went away: nothing to report in a benchmark
        }
    }

    private static void echoBytes(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
    }

    private static void echoMessages(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn, BUFFER_SIZE));
        while (true) {
            int length;
            try {
                length = in.readInt();
            }
            catch (EOFException end) {
                return;
            }
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("frame too large: " + length);
            }
            // Header and payload in one write, as the library does for small frames.
            byte[] frame = new byte[4 + length];
            in.readFully(frame, 4, length);
            frame[0] = (byte) (length >>> 24);
            frame[1] = (byte) (length >>> 16);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            out.write(frame);
        }
    }
}
