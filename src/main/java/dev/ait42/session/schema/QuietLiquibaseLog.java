package dev.ait42.session.schema;

import liquibase.logging.LogService;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

import java.util.logging.Level;

/**
 * Liquibase's log one level down, for the library's own Liquibase runs: what it logs at INFO or
 * CONFIG (each changeset it runs, its update summary, the changelog lock) goes out at FINE, which
 * java.util.logging's default configuration and an SLF4J application's usual INFO level drop;
 * warnings and errors are unchanged. It wraps the log service Liquibase would have used (its
 * java.util.logging one, or the one an application plugged in), so no logger's configuration
 * changes. {@code StoreConfig.Builder.libraryLogging(true)} runs Liquibase without it.
 */
final class QuietLiquibaseLog extends AbstractLogService {

    private final LogService delegate;

    QuietLiquibaseLog(LogService delegate) {
        this.delegate = delegate;
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }

    @Override
    public Logger getLog(Class clazz) {
        Logger log = delegate.getLog(clazz);
        return new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                log.log(quieter(level), message, e);
            }
        };
    }

    /** INFO and CONFIG become FINE; every other level stays. */
    static Level quieter(Level level) {
        return level == Level.INFO || level == Level.CONFIG ? Level.FINE : level;
    }

    @Override
    public void close() {
        // the wrapped service belongs to Liquibase's root scope: it closes it
    }
}
