package dev.ait42.session.store;

import dev.ait42.session.ConflictException;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.StorageException;
import dev.ait42.session.TransientStorageException;
import dev.ait42.session.ValidationException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns whatever JPA, Hibernate or the driver threw into the module's typed errors. Public for the
 * implementations of {@link dev.ait42.session.UnitOfWork}: every failure leaves one as a
 * {@link SessionStoreException}.
 */
public final class ErrorTranslator {

    private ErrorTranslator() {
    }

    public static SessionStoreException translate(String operation, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SessionStoreException own) {
                return own; // already says what went wrong (may have been wrapped by Hibernate)
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return new StaleSessionException(operation + ": the session was changed by another writer"
                        + " since it was read; read it again and retry", error);
            }
            if (t instanceof SQLiteException sqlite) {
                return fromDriver(operation, sqlite, error);
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && t.getClass().getName().startsWith("org.postgresql.")) {
                return fromSqlState(operation, sql, error);
            }
        }
        return new StorageException(operation + " failed: " + error.getMessage(), error);
    }

    /** PostgreSQL's SQLSTATE classes: 23505 unique, 23xxx other constraints, 40xxx serialization and deadlocks. */
    private static SessionStoreException fromSqlState(String operation, java.sql.SQLException sql, Throwable error) {
        String state = sql.getSQLState();
        String detail = sql.getMessage();
        if (state.equals("23505")) {
            return new ConflictException(operation + ": already exists (" + detail + ")", error);
        }
        if (state.startsWith("23")) {
            return new ValidationException(operation, "rejected by a database constraint (" + detail + ")");
        }
        if (state.startsWith("22")) { // a value the column cannot hold: a NUL character in text, a number out of range
            return new ValidationException(operation, "rejected by the database as a value (" + detail + ")");
        }
        if (state.startsWith("40") || state.equals("55P03")) {
            return new TransientStorageException(operation + ": conflicting with another transaction (retry): " + detail, error);
        }
        return new StorageException(operation + " failed: " + detail, error);
    }

    private static SessionStoreException fromDriver(String operation, SQLiteException sqlite, Throwable error) {
        SQLiteErrorCode code = sqlite.getResultCode();
        String detail = sqlite.getMessage();
        switch (code) {
            case SQLITE_CONSTRAINT_PRIMARYKEY:
            case SQLITE_CONSTRAINT_UNIQUE:
                return new ConflictException(operation + ": already exists (" + detail + ")", error);
            case SQLITE_CONSTRAINT_CHECK:
            case SQLITE_CONSTRAINT_NOTNULL:
            case SQLITE_CONSTRAINT_FOREIGNKEY:
                return new ValidationException(operation, "rejected by a database constraint (" + detail + ")");
            case SQLITE_BUSY:
            case SQLITE_BUSY_SNAPSHOT:
            case SQLITE_BUSY_TIMEOUT:
            case SQLITE_LOCKED:
                return new TransientStorageException(operation + ": the database is locked by another process"
                        + " (waited for the busy timeout): " + detail, error);
            default:
                return new StorageException(operation + " failed: " + detail, error);
        }
    }
}
