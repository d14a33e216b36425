package io.asyncoro.bench;

import java.util.concurrent.TimeUnit;

/**
 * A diagnostic: {@code IdleHold <port> <connections> <seconds> [tls]} opens that many framed connections (over
 * TLS 1.3 with {@code tls}), echoes one message on each and holds them idle, so a heap histogram of the server
 * ({@code jcmd <pid> GC.class_histogram}) shows what an idle connection costs.
 */
public final class IdleHold {

    private IdleHold() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        Payload payload = new Payload(64, true);
        boolean tls = args.length > 3 && "tls".equals(args[3]);
        try (EchoLoad client = tls ? TlsLoadClient.connect(port, connections, payload)
                : LoadClient.connect(port, connections, payload)) {
            client.echoOnce(TimeUnit.SECONDS.toNanos(60));
            System.out.println("HOLDING " + connections);
            Thread.sleep(seconds * 1000);
        }
    }
}
