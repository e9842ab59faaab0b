package dev.ait42.session;

/** The database itself failed (I/O, corruption, locking, driver errors); the cause is attached. */
public class StorageException extends SessionStoreException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
