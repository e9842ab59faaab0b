package dev.ait42.session;

/**
 * The database gave up on this call because of another transaction (a deadlock, a serialization
 * failure, a lock wait that timed out, SQLite's busy database): nothing of the call was written,
 * and the same call may succeed when retried.
 */
public class TransientStorageException extends StorageException {
    private static final long serialVersionUID = 1L;

    public TransientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
