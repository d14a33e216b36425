package io.asyncoro.spring.boot.autoconfigure.diagnostics;

import java.util.List;

/** A server's {@code ssl.bundle} names a bundle that is not defined under {@code spring.ssl.bundle}. */
public class MissingSslBundleException extends RuntimeException {

    private final String serverName;
    private final String bundle;
    private final List<String> availableBundles;

    /** The failure of server {@code serverName} to find {@code bundle}. */
    public MissingSslBundleException(String serverName, String bundle, List<String> availableBundles, Throwable cause) {
        super("Server '" + serverName + "' uses SSL bundle '" + bundle + "' (asyncoro.servers." + serverName
                + ".ssl.bundle), which is not defined (defined bundles: " + availableBundles + ")", cause);
        this.serverName = serverName;
        this.bundle = bundle;
        this.availableBundles = List.copyOf(availableBundles);
    }

    /** The server. */
    public String getServerName() {
        return this.serverName;
    }

    /** The bundle name that was not found. */
    public String getBundle() {
        return this.bundle;
    }

    /** The bundles that are defined. */
    public List<String> getAvailableBundles() {
        return this.availableBundles;
    }
}
