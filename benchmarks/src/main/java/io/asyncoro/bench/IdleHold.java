package io.asyncoro.bench;

import java.util.concurrent.TimeUnit;

/**
 * A diagnostic: {@code IdleHold <port> <connections> <seconds>} opens that many framed connections, echoes one
 * message on each and holds them idle, so a heap histogram of the server ({@code jcmd <pid> GC.class_histogram})
 * shows what an idle connection costs.
 */
public final class IdleHold {

    private IdleHold() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        try (LoadClient client = LoadClient.connect(port, connections, new Payload(64, true))) {
            client.echoOnce(TimeUnit.SECONDS.toNanos(60));
            System.out.println("HOLDING " + connections);
            Thread.sleep(seconds * 1000);
        }
    }
}
