package io.asyncoro.bench;

/**
 * A diagnostic: {@code OpenLoopProbe <port> <connections> <rate> <seconds>} drives framed 64-byte echoes at a
 * fixed rate against a running server and prints the latency percentiles, so the server can be watched (for
 * example with {@code top -H -p <pid>} or profiled with {@code perf}) under a steady load. A rate of 0 runs
 * closed loop instead (one message in flight per connection), the load of the {@code echo-msg-*} scenarios.
 */
public final class OpenLoopProbe {

    private OpenLoopProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        double rate = Double.parseDouble(args[2]);
        long seconds = Long.parseLong(args[3]);
        try (LoadClient client = LoadClient.connect(port, connections, new Payload(64, true))) {
            LoadClient.Window none = new LoadClient.Window() {
                @Override
                public void opened() {
                }

                @Override
                public void closed() {
                }
            };
            LoadClient.Outcome outcome = rate > 0
                    ? client.openLoop(rate, 1_000_000_000L, seconds * 1_000_000_000L, none)
                    : client.closedLoop(1, 1_000_000_000L, seconds * 1_000_000_000L, none);
            System.out.printf("msgs/s %.0f p50 %.1f us p99 %.1f us%n", outcome.messagesPerSecond(),
                    outcome.latency().getValueAtPercentile(50) / 1000.0, outcome.latency().getValueAtPercentile(99) / 1000.0);
        }
    }
}
