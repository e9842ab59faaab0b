package dev.ait42.session.faults;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.search.FullTextQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

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
    void writeBlockedByAForeignLockFailsTypedCommitsNothingAndTheNextWritesWork() throws Exception {
        Path db = dir.resolve("store.db");
        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).busyTimeout(Duration.ofMillis(300)).build())) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.session("before", dev.ait42.session.model.SessionType.DEBATE, "kangaroo before"));

            try (Connection foreign = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = foreign.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("insert into workspaces (hash, path, last_accessed) values"
                        + " ('00000000000000ff', null, '2025-01-01T00:00:00.000Z')");
                SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.sessions().create(ws,
                        Fixtures.session("blocked", dev.ait42.session.model.SessionType.DEBATE, "kangaroo blocked")));
                assertNotNull(e.getCause(), "with its cause");
                assertTrue(e.getMessage().toLowerCase().contains("busy") || e.getMessage().contains("locked"),
                        e.getMessage());
                st.execute("ROLLBACK");
            }

            assertFalse(store.sessions().find(ws, "blocked").isPresent(), "the failed call committed nothing");
            for (int i = 0; i < 20; i++) {
                store.sessions().create(ws, Fixtures.session("after-" + i, dev.ait42.session.model.SessionType.DEBATE,
                        "kangaroo after " + i));
            }
            assertEquals(21, store.sessions().listAll(ws).size());
            assertEquals(21, store.fullText().search(FullTextQuery.matching("kangaroo").page(0, 50).build()).totalSessions());
            assertTrue(store.fullText().differences().consistent());
        }
    }

    @Test
    void searchesAndReadsAnswerWhileAForeignProgramHoldsTheWriteLock() throws Exception {
        Path db = dir.resolve("store.db");
        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).busyTimeout(Duration.ofMillis(300)).build())) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.session("one", dev.ait42.session.model.SessionType.DEBATE, "wallaby one"));
            try (Connection foreign = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = foreign.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("insert into workspaces (hash, path, last_accessed) values"
                        + " ('00000000000000fe', null, '2025-01-01T00:00:00.000Z')");
                assertEquals(1, store.sessions().listAll(ws).size());
                // the index has work it cannot forget while the lock is held: the search still answers
                assertEquals(1, store.fullText().search(FullTextQuery.matching("wallaby").build()).totalSessions());
                st.execute("ROLLBACK");
            }
            assertTrue(store.fullText().differences().consistent());
        }
    }
}
