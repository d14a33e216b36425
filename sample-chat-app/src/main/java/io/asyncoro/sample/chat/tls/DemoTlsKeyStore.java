package io.asyncoro.sample.chat.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.asyncoro.net.SslContexts;

/**
 * The {@code tls} profile's demo key: a self-signed certificate for {@code localhost} and {@code 127.0.0.1},
 * generated with the JDK's {@code keytool} the first time it is needed, in a folder of the working directory.
 * Nothing secret ships in the jar; each installation makes its own key, with a random password kept next to
 * it. It is for trying TLS out, never for real use: serve a real certificate through a
 * {@code spring.ssl.bundle.*} bundle instead.
 *
 * @param keyStore the PKCS12 key store holding the key and certificate
 * @param certificate the certificate alone, in PEM, for clients to trust
 * @param password the key store's (and key's) password
 */
public record DemoTlsKeyStore(Path keyStore, Path certificate, String password) {

    /** The key store's file name. */
    public static final String KEY_STORE_FILE = "chat-demo.p12";

    /** The certificate's file name: give it to the terminal client's {@code --trust}. */
    public static final String CERTIFICATE_FILE = "chat-demo-cert.pem";

    /** The file holding the key store's password. */
    public static final String PASSWORD_FILE = "chat-demo.password";

    static final String ALIAS = "chat-demo";

    private static final int VALIDITY_DAYS = 365;

    /** A certificate that expires sooner than this is replaced, so that a running demo does not break. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The demo key in {@code directory}, generated first if it is missing, unreadable or about to expire.
     *
     * @return the key store, certificate and password
     * @throws IOException when keytool cannot be run or fails; the message says what to do instead
     */
    public static DemoTlsKeyStore ensure(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        DemoTlsKeyStore existing = new DemoTlsKeyStore(dir.resolve(KEY_STORE_FILE), dir.resolve(CERTIFICATE_FILE),
                readPassword(dir.resolve(PASSWORD_FILE)));
        if (existing.isUsable()) {
            return existing;
        }
        return generate(dir);
    }

    /** Whether the files exist, the password opens the key store, and the certificate is valid for a while yet. */
    boolean isUsable() {
        if (password == null || !Files.isReadable(keyStore) || !Files.isReadable(certificate)) {
            return false;
        }
        try {
            KeyStore store = SslContexts.loadKeyStore(keyStore, "PKCS12", password.toCharArray());
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate cert)) {
                return false;
            }
            cert.checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
            return true;
        }
        catch (IOException | GeneralSecurityException ex) {
            return false;
        }
    }

    private static DemoTlsKeyStore generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        String password = newPassword();
        String suffix = ".tmp-" + ProcessHandle.current().pid();
        Path keyStoreTmp = dir.resolve(KEY_STORE_FILE + suffix);
        Path certificateTmp = dir.resolve(CERTIFICATE_FILE + suffix);
        Path passwordTmp = dir.resolve(PASSWORD_FILE + suffix);
        try {
            Files.deleteIfExists(keyStoreTmp);
            keytool(dir, password, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-validity", Integer.toString(VALIDITY_DAYS),
                    "-dname", "CN=localhost, OU=asyncoro sample chat demo (not for real use)",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                    "-keystore", keyStoreTmp.toString(), "-storetype", "PKCS12",
                    "-storepass:env", "CHAT_DEMO_PASSWORD", "-keypass:env", "CHAT_DEMO_PASSWORD");
            writePem(keyStoreTmp, password, certificateTmp);
            writeOwnerOnly(passwordTmp, password);
            writeOwnerOnly(keyStoreTmp, null);
            // The password lands first: a reader that sees the new key store also sees its password.
            move(passwordTmp, dir.resolve(PASSWORD_FILE));
            move(keyStoreTmp, dir.resolve(KEY_STORE_FILE));
            move(certificateTmp, dir.resolve(CERTIFICATE_FILE));
        }
        finally {
            Files.deleteIfExists(keyStoreTmp);
            Files.deleteIfExists(certificateTmp);
            Files.deleteIfExists(passwordTmp);
        }
        return new DemoTlsKeyStore(dir.resolve(KEY_STORE_FILE), dir.resolve(CERTIFICATE_FILE), password);
    }

    /** Writes the key store's certificate as PEM (in Java: a second keytool run costs a JVM start). */
    private static void writePem(Path keyStore, String password, Path target) throws IOException {
        try {
            KeyStore store = SslContexts.loadKeyStore(keyStore, "PKCS12", password.toCharArray());
            String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' })
                .encodeToString(store.getCertificate(ALIAS).getEncoded());
            Files.writeString(target, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("cannot read the certificate keytool made: " + ex.getMessage(), ex);
        }
    }

    private static void keytool(Path dir, String password, String... args) throws IOException {
        Path keytool = keytoolPath();
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        // A one-off tool run: a JVM that starts fast matters more than one that runs fast.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-J-XX:+UseSerialGC");
        command.addAll(List.of(args));
        command.add("-noprompt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // The password goes through the environment, never the command line other users can read.
        builder.environment().put("CHAT_DEMO_PASSWORD", password);
        Process process = builder.start();
        String output;
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + " s");
            }
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the demo TLS key", ex);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): " + output);
        }
    }

    private static Path keytoolPath() throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("keytool", "keytool.exe")) {
            Path candidate = bin.resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no keytool in " + bin + " to generate the demo TLS key; run on a full JDK, or serve "
                + "your own key with asyncoro.servers.chat-tls.ssl.bundle and spring.ssl.bundle.*");
    }

    private static String newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String readPassword(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (content != null) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ex) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        // Never print the password.
        return "DemoTlsKeyStore[" + keyStore + ", " + certificate + "]";
    }
}
