package io.asyncoro.bench;

/** Samples the server's CPU time as the client opens and closes the measured window. */
final class CpuWindow implements LoadClient.Window {
    private final ServerProcess server;
    private long start;
    private long end;

    CpuWindow(ServerProcess server) {
        this.server = server;
    }

    @Override
    public void opened() {
        start = server.cpuMicros();
    }

    @Override
    public void closed() {
        end = server.cpuMicros();
    }

    long micros() {
        return end - start;
    }
}
