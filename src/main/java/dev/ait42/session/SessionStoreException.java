package dev.ait42.session;

/**
 * Root of every error this module throws. Callers catch the subtype that matters to them:
 * {@link NotFoundException}, {@link ValidationException}, {@link ConflictException} or
 * {@link StorageException}.
 */
public abstract class SessionStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SessionStoreException(String message) {
        super(message);
    }

    protected SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
