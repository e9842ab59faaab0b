package dev.ait42.session.store;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.Session;
import dev.ait42.session.search.FullTextQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store opened without full-text search: reads and writes as usual, refuses to search, leaves the index alone. */
class OpenWithoutSearchTest {

    @TempDir
    Path dir;

    @Test
    void readsAndWritesWorkAndTheWritesAreSearchableOnceAStoreWithSearchOpens() {
        Path db = dir.resolve("sessions.db");
        String ws;
        Session saved;
        try (SessionStore store = SessionStore.open(db)) {
            ws = store.sessions().registerWorkspace(dir).getHash();
            saved = store.sessions().create(ws, Fixtures.sessionWithGraph("first task", 2, 3));
        }

        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).fullTextSearch(false).build())) {
            assertEquals("first task", store.sessions().get(ws, saved.getId()).getTask());
            store.sessions().modify(ws, saved.getId(), s -> s.setTask("renamed to wombat"));
        }

        try (SessionStore store = SessionStore.open(db)) {
            assertEquals(List.of(saved.getId()), store.fullText().search(FullTextQuery.matching("wombat").page(0, 10)
                    .build()).hits().stream().map(h -> h.session().getId()).toList(),
                    "the work the store without search recorded was applied");
        }
    }

    @Test
    void fullTextIsRefusedWithAMessageThatSaysWhy() {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            store.sessions().registerWorkspace(dir);
        }
        try (SessionStore store = SessionStore.open(StoreConfig.of(db).withoutFullTextSearch())) {
            StorageException refused = assertThrows(StorageException.class, store::fullText);
            assertTrue(refused.getMessage().contains("without full-text search"), refused.getMessage());
            assertEquals(1, store.sessions().listWorkspaces().size());
        }
    }

    @Test
    void theIndexFolderOfACurrentDatabaseIsNotTouched() throws Exception {
        Path db = dir.resolve("sessions.db");
        Path index = dir.resolve("sessions.db.index");
        try (SessionStore store = SessionStore.open(db)) {
            store.sessions().registerWorkspace(dir);
        }
        deleteTree(index); // a new file's migration lock lives there: only a current file is left alone

        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).fullTextSearch(false).build())) {
            String ws = store.sessions().listWorkspaces().get(0).getHash();
            store.sessions().create(ws, Fixtures.sessionWithGraph("written without search", 1, 1));
        }

        assertFalse(Files.exists(index), "no index folder");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
