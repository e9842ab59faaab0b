package dev.ait42.session.store;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a store is quiet by default: Liquibase (through java.util.logging here) logs its INFO
 * lines at FINE, and Hibernate Search finds its index folders made; {@code libraryLogging(true)}
 * gives Liquibase's INFO lines back. The test listens at every level on those two loggers only.
 */
class LibraryLoggingTest {

    private static final List<String> LOGGERS = List.of("liquibase", "org.hibernate.search");

    @TempDir
    Path dir;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its handler. */
    private final List<Logger> loggers = new CopyOnWriteArrayList<>();
    private final List<Level> levelsBefore = new CopyOnWriteArrayList<>();
    private final List<Boolean> parentHandlersBefore = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        handler.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            levelsBefore.add(logger.getLevel());
            parentHandlersBefore.add(logger.getUseParentHandlers());
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false); // heard here, not printed
            logger.addHandler(handler);
        }
    }

    @AfterEach
    void stopListening() {
        for (int i = 0; i < loggers.size(); i++) {
            Logger logger = loggers.get(i);
            logger.removeHandler(handler);
            logger.setLevel(levelsBefore.get(i));
            logger.setUseParentHandlers(parentHandlersBefore.get(i));
        }
    }

    private List<LogRecord> from(String prefix, Level atLeast) {
        return records.stream()
                .filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(prefix))
                .filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                .toList();
    }

    @Test
    void byDefaultLiquibaseLogsItsChangesetsAtFineAndNoIndexFolderIsAnnounced() {
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            store.sessions().registerWorkspace(dir);
        }

        assertTrue(from("liquibase", Level.INFO).isEmpty(), () -> "INFO from Liquibase: " + messages(from("liquibase", Level.INFO)));
        assertTrue(from("liquibase", Level.FINE).stream().anyMatch(r -> r.getMessage().contains("Running Changeset")),
                "the changesets are still logged, at FINE");
        assertTrue(from("org.hibernate.search", Level.ALL).stream().noneMatch(r -> r.getMessage().contains("HSEARCH000041")),
                "index folders exist before Hibernate Search starts");
    }

    @Test
    void libraryLoggingGivesLiquibasesInfoLinesBack() {
        StoreConfig config = StoreConfig.builder(dir.resolve("sessions.db")).libraryLogging(true).build();
        try (SessionStore store = SessionStore.open(config)) {
            store.sessions().registerWorkspace(dir);
        }

        assertFalse(from("liquibase", Level.INFO).isEmpty());
        assertTrue(from("liquibase", Level.INFO).stream().anyMatch(r -> r.getMessage().contains("Running Changeset")));
    }

    private static List<String> messages(List<LogRecord> list) {
        return list.stream().map(LogRecord::getMessage).toList();
    }
}
