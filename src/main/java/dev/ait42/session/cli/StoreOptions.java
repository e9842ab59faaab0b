package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --db FILE}, shared by every command that opens the store. */
final class StoreOptions {

    @Option(names = "--db", paramLabel = "FILE",
            description = "The database file (default: ~/.ait42/sessions.db); created if missing.")
    Path database = SessionStore.defaultDatabaseFile();

    SessionStore open() {
        return SessionStore.open(StoreConfig.of(database));
    }
}
