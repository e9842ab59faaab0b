package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --db FILE}, shared by every command that opens the store. Only {@code import} (and
 * {@code demo}, through it) creates a missing database; every other command refuses to, so that
 * a mistyped path is an error rather than an empty history.
 */
final class StoreOptions {

    @Option(names = "--db", paramLabel = "FILE",
            description = "The database file (default: ~/.ait42/sessions.db); only import creates it.")
    Path database = SessionStore.defaultDatabaseFile();

    @Option(names = "--read-only", description = "Open without writing anything (chosen by itself when the"
            + " database cannot be written); list, show, search, stats and export work.")
    boolean readOnly;

    @Option(names = "--utc", description = "Print times in UTC (2025-05-02 09:00Z) instead of local time with its offset.")
    void utc(boolean value) {
        Times.utc(value);
    }

    /** Opens an existing database; a missing one is a {@link NotFoundException} and is not created. */
    SessionStore open() {
        if (!Files.exists(database)) {
            throw new NotFoundException("no database at " + database + "; run import first");
        }
        return openOrCreate();
    }

    /** Opens the database, creating it (and its folder) if missing. */
    SessionStore openOrCreate() {
        // refuses a folder and a dangling link itself
        return SessionStore.open(StoreConfig.builder(database).readOnly(readOnly).build());
    }

    /** Whether the database file exists. */
    boolean exists() {
        return Files.exists(database);
    }
}
