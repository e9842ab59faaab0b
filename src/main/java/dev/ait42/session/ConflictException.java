package dev.ait42.session;

/**
 * The call clashes with what is stored: a session or message id that already exists, or an update
 * made from a stale copy (see {@link StaleSessionException}).
 */
public class ConflictException extends SessionStoreException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
