package io.asyncoro.spring.client;

/** A client call did not finish in the time it was given; the connection it used, if any, is discarded. */
public class ClientTimeoutException extends AsyncoroClientException {

    private static final long serialVersionUID = 1L;

    /** A timeout with its cause. */
    public ClientTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
