package io.asyncoro.examples;

/** Wrong command-line arguments; the message says what is wrong. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error with the given explanation. */
    public UsageException(String message) {
        super(message);
    }
}
