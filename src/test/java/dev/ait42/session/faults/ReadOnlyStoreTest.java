package dev.ait42.session.faults;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.search.FullTextQuery;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store opened read-only, by request or because its medium cannot be written: reads and searches work. */
class ReadOnlyStoreTest {

    @TempDir
    Path dir;

    private String seed(Path db) {
        try (SessionStore store = SessionStore.open(db)) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.sessionWithGraph("Koala migration plan", 2, 3));
            store.sessions().create(ws, Fixtures.session("second", SessionType.DEBATE, "Koala debate"));
            return ws;
        }
    }

    private static void assertReadsWork(SessionStore store, String ws) {
        assertTrue(store.config().readOnly());
        assertEquals(2, store.sessions().listAll(ws).size());
        assertEquals(2, store.sessions().search(SessionQuery.inWorkspace(ws).build(), 0, 10).totalElements());
        assertEquals(2, store.sessions().statistics(SessionQuery.inWorkspace(ws).build()).total());
        assertEquals(2, store.fullText().search(FullTextQuery.matching("koala").build()).totalSessions());
    }

    @Test
    void readOnlyOpenReadsAndSearchesAndRefusesWritesWithoutChangingTheFile() throws Exception {
        Path db = dir.resolve("store.db");
        String ws = seed(db);
        long rowsBefore = Files.size(db);

        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).readOnly(true).build())) {
            assertReadsWork(store, ws);
            StorageException e = assertThrows(StorageException.class,
                    () -> store.sessions().create(ws, Fixtures.session("Koala three")));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        assertEquals(rowsBefore, Files.size(db));
        try (SessionStore store = SessionStore.open(db)) {
            assertEquals(2, store.sessions().listAll(ws).size(), "the refused write left nothing");
        }
    }

    @Test
    void readOnlyOpenOfAMissingFileSaysSoAndCreatesNothing() {
        Path db = dir.resolve("missing.db");
        var e = assertThrows(dev.ait42.session.NotFoundException.class,
                () -> SessionStore.open(StoreConfig.builder(db).readOnly(true).build()));
        assertTrue(e.getMessage().contains("missing.db"), e.getMessage());
        assertTrue(Files.notExists(db));
    }

    @Test
    void storeOnAReadOnlyMediumOpensReadOnlyByItself() throws Exception {
        Assumptions.assumeTrue(Mounts.canMount(), "needs root to mount a read-only medium (CI runs as root)");
        Path medium = Files.createDirectories(dir.resolve("medium"));
        Mounts.tmpfs(medium, "16m");
        try {
            Path db = medium.resolve("store.db");
            String ws = seed(db);
            Mounts.remountReadOnly(medium);

            try (SessionStore store = SessionStore.open(db)) {
                assertReadsWork(store, ws);
                assertThrows(StorageException.class, () -> store.sessions().create(ws, Fixtures.session("Koala three")));
            }
        } finally {
            Mounts.unmount(medium);
        }
    }
}
