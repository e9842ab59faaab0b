package dev.ait42.session.faults;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.search.FullTextQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another program holding SQLite's write lock: the store's writes wait for the busy timeout, then
 * fail with a typed error and commit nothing; once the lock is released every write works again
 * and is searchable.
 */
class ForeignWriteLockTest {

    @TempDir
    Path dir;

    @Test
    void writeBlockedByAForeignLockFailsTypedCommitsNothingAndTheNextWritesWork() throws Throwable {
        try (SessionStore store = openWithShortBusyTimeout()) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.session("before", SessionType.DEBATE, "kangaroo before"));

            whileAnotherProgramHoldsTheWriteLock("00000000000000ff", () -> {
                SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.sessions().create(ws,
                        Fixtures.session("blocked", SessionType.DEBATE, "kangaroo blocked")));
                assertNotNull(e.getCause(), "with its cause");
                assertTrue(e.getMessage().toLowerCase().contains("busy") || e.getMessage().contains("locked"),
                        e.getMessage());
            });

            assertFalse(store.sessions().find(ws, "blocked").isPresent(), "the failed call committed nothing");
            for (int i = 0; i < 20; i++) {
                store.sessions().create(ws, Fixtures.session("after-" + i, SessionType.DEBATE, "kangaroo after " + i));
            }
            assertEquals(21, store.sessions().listAll(ws).size());
            assertEquals(21, store.fullText().search(FullTextQuery.matching("kangaroo").page(0, 50).build()).totalSessions());
            assertTrue(store.fullText().differences().consistent());
        }
    }

    @Test
    void searchesAndReadsAnswerWhileAForeignProgramHoldsTheWriteLock() throws Throwable {
        try (SessionStore store = openWithShortBusyTimeout()) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.session("one", SessionType.DEBATE, "wallaby one"));
            whileAnotherProgramHoldsTheWriteLock("00000000000000fe", () -> {
                assertEquals(1, store.sessions().listAll(ws).size());
                // the index has work it cannot forget while the lock is held: the search still answers
                assertEquals(1, store.fullText().search(FullTextQuery.matching("wallaby").build()).totalSessions());
            });
            assertTrue(store.fullText().differences().consistent());
        }
    }

    private SessionStore openWithShortBusyTimeout() {
        return SessionStore.open(StoreConfig.builder(dir.resolve("store.db")).busyTimeout(Duration.ofMillis(300)).build());
    }

    /** Runs {@code checks} while a plain JDBC connection holds {@code BEGIN IMMEDIATE} with a write of its own. */
    private void whileAnotherProgramHoldsTheWriteLock(String workspaceHash, Executable checks) throws Throwable {
        try (Connection foreign = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
             Statement st = foreign.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            st.execute("insert into workspaces (hash, path, last_accessed) values"
                    + " ('" + workspaceHash + "', null, " + Timestamps.toMillis(Instant.parse("2025-01-01T00:00:00.000Z")) + ")");
            checks.execute();
            st.execute("ROLLBACK");
        }
    }
}
