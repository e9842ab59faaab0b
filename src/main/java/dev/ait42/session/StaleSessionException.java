package dev.ait42.session;

/**
 * Optimistic-lock conflict: the session was changed by someone else since the caller read it.
 * Re-read the session, re-apply the change, and try again.
 */
public class StaleSessionException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public StaleSessionException(String message) {
        super(message);
    }

    public StaleSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
