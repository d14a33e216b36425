package io.asyncoro.sample.chat.client;

import java.nio.file.Path;
import java.util.List;

/**
 * The terminal client's command line: {@code [host] [port] [--tls [--trust FILE [--trust-password PW] | --insecure]]}.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param tls whether to connect over TLS
 * @param trust a certificate (PEM or DER) or trust store (PKCS12 or JKS) to trust instead of the JDK's anchors;
 *        {@code null} for the JDK's
 * @param trustPassword the trust store's password, {@code null} for none (certificate files need none)
 * @param insecure whether to accept any server certificate (demos only)
 */
public record ClientOptions(String host, int port, boolean tls, Path trust, char[] trustPassword, boolean insecure) {

    /** The host connected to when none is given. */
    public static final String DEFAULT_HOST = "localhost";

    /** The chat server's plain port (asyncoro's chat example's). */
    public static final int DEFAULT_PORT = 1234;

    /** The port of the {@code tls} profile's TLS server. */
    public static final int DEFAULT_TLS_PORT = 1235;

    /** How to call the client, for {@code --help} and errors. */
    public static final String USAGE = """
            usage: java -jar sample-chat-app.jar --client [host] [port] [--tls [--trust FILE [--trust-password PW] | --insecure]]

              host              server host name or address (default localhost)
              port              server port (default 1234, or 1235 with --tls)
              --tls             connect over TLS; the server certificate and host name are verified
              --trust FILE      trust the certificate(s) in FILE (PEM or DER), or the trust store FILE (PKCS12 or JKS),
                                instead of the JDK's trust anchors; the tls profile writes its demo certificate to
                                .asyncoro-demo-tls/chat-demo-cert.pem
              --trust-password  password of a trust store given with --trust
              --insecure        accept ANY server certificate (no protection against an attacker in the middle)

            Each line typed is sent as one message; 'quit', 'exit' or end of input leaves the chat.""";

    /**
     * Parses the arguments after {@code --client}.
     *
     * @throws IllegalArgumentException with a message fit for the user when they make no sense
     */
    public static ClientOptions parse(List<String> args) {
        String host = null;
        Integer port = null;
        boolean tls = false;
        Path trust = null;
        char[] trustPassword = null;
        boolean insecure = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--tls" -> tls = true;
                case "--insecure" -> insecure = true;
                case "--trust" -> trust = Path.of(valueOf(args, ++i, arg));
                case "--trust-password" -> trustPassword = valueOf(args, ++i, arg).toCharArray();
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (host == null) {
                        host = arg;
                    }
                    else if (port == null) {
                        port = parsePort(arg);
                    }
                    else {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                }
            }
        }
        if (!tls && (trust != null || insecure || trustPassword != null)) {
            throw new IllegalArgumentException("--trust, --trust-password and --insecure need --tls");
        }
        if (trust != null && insecure) {
            throw new IllegalArgumentException("give either --trust or --insecure, not both");
        }
        return new ClientOptions(host != null ? host : DEFAULT_HOST,
                port != null ? port : (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT), tls, trust, trustPassword, insecure);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("port must be a number from 1 to 65535: " + text);
        }
    }
}
