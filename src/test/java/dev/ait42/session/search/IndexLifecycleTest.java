package dev.ait42.session.search;

import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index folder across opens and closes: one open store owns it; a clean close marks it
 * trusted; a lost, damaged, crashed or outdated index is rebuilt on open; reindexing by hand.
 */
class IndexLifecycleTest extends FullTextTestSupport {

    private static final Duration SHORT_WAIT = Duration.ofMillis(200);

    private Path indexDir() {
        return dir.resolve("sessions.db.index");
    }

    /** Two sessions: 2 session, 4 instance and 4 message documents. */
    private void seed() {
        for (String id : new String[] {"alpha-session", "beta-session"}) {
            Session s = session(id, "Kerberos work in " + id, "the wombat said hello", "second note of " + id);
            s.addInstance(instance(0, "platypus-" + id));
            s.addInstance(instance(1, "echidna-" + id));
            save(s);
        }
    }

    private void assertSeedSearchable() {
        assertEquals(Set.of("alpha-session", "beta-session"), found("kerberos"));
        assertEquals(Set.of("alpha-session", "beta-session"), found("wombat"));
        assertEquals(Set.of("alpha-session", "beta-session"), found("platypus"));
        assertConsistent();
    }

    private void closeTheStore() {
        store.close();
        store = null;
    }

    private void openTheStore() {
        store = SessionStore.open(StoreConfig.builder(dbFile).statistics(true).build());
        repo = store.sessions();
    }

    /** Statements run straight on the file, with foreign keys (and their cascades) on. */
    private void sql(String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
            for (String statement : statements) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Every file under the index folder with its size and modification time. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(indexDir())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                files.put(indexDir().relativize(p).toString(), Files.size(p) + "@" + modified.toMillis());
            }
        }
        return files;
    }

    // ---- where the index lives ----

    @Test
    void indexLivesNextToTheDatabaseAndACleanCloseLeavesNoIndexWorkBehind() throws IOException {
        seed();

        for (String index : SearchIndexes.ALL) {
            assertTrue(Files.isDirectory(indexDir().resolve(index)), index);
        }
        closeTheStore();

        assertEquals(0, workRows(), "every recorded change was applied before the close");
        String format = Files.readString(indexDir().resolve("index-format"), StandardCharsets.UTF_8);
        assertTrue(format.startsWith(SearchIndexDirectory.INDEX_FORMAT + " "), format);
    }

    private long workRows() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement();
             ResultSet rows = st.executeQuery("select count(*) from search_index_work")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    // ---- the index on the disk ----

    @Test
    void committedIndexChangesKeepTheirRecordUntilTheIndexIsSyncedToTheDisk() {
        seed();

        // applied and committed: searchable in this process and in others
        assertEquals(Set.of("alpha-session", "beta-session"), found("kerberos"));
        assertTrue(workRows() > 0, "not synced to the disk yet: a power loss would need the record");
        assertEquals(0, store.fullText().catchUp().pending(), "nothing is waiting for the index");

        // a catch-up that finds nothing new: the writes paused, so it syncs
        assertEquals(Set.of("alpha-session", "beta-session"), found("wombat"));
        assertEquals(0, workRows(), "synced, then forgotten");
        assertSeedSearchable();
    }

    @Test
    void catchUpNowSyncsTheIndexAndForgetsEveryRecordedChange() {
        seed();
        assertSeedSearchable();

        store.fullText().catchUpNow();

        assertEquals(0, workRows());
        assertSeedSearchable();
    }

    @Test
    void closeSyncsTheIndexAndTheNextOpenHasNothingToApply() {
        seed();
        assertSeedSearchable();
        closeTheStore();

        assertEquals(0, workRows());
        openTheStore();
        assertEquals(0, store.fullText().catchUp().pending());
        assertSeedSearchable();
    }

    @Test
    void customIndexDirectoryIsUsedInsteadOfTheDefault() throws IOException {
        closeTheStore();
        Path db = dir.resolve("custom.db");
        Path custom = dir.resolve("elsewhere/search-index");
        StoreConfig config = StoreConfig.builder(db).indexDirectory(custom).build();
        assertEquals(custom, config.indexDirectory());
        assertEquals(dir.resolve("other.db.index"), StoreConfig.of(dir.resolve("other.db")).indexDirectory());

        try (SessionStore custom1 = SessionStore.open(config)) {
            String hash = custom1.sessions().registerWorkspace(dir.resolve("project-c")).getHash();
            custom1.sessions().create(hash, session("s", "Kerberos in a custom folder"));
            assertEquals(1, custom1.fullText().search(FullTextQuery.matching("kerberos").build()).totalSessions());
            for (String index : SearchIndexes.ALL) {
                assertTrue(Files.isDirectory(custom.resolve(index)), index);
            }
        }
        assertFalse(Files.exists(dir.resolve("custom.db.index")), "nothing in the default place");
        assertTrue(Files.exists(custom.resolve("index-format")));
        try (SessionStore custom2 = SessionStore.open(config)) {
            assertEquals(1, custom2.fullText().search(FullTextQuery.matching("kerberos").build()).totalSessions());
        }
        assertFalse(Files.exists(dir.resolve("custom.db.index")));
    }

    // ---- rebuilds on open ----

    @Test
    void cleanReopenTrustsTheIndexWithoutRebuilding() throws IOException {
        seed();
        closeTheStore();
        Map<String, String> before = snapshot();
        before.remove("clean-shutdown");

        openTheStore();
        Map<String, String> after = snapshot();

        assertEquals(before, after, "the index files were rewritten: the index was rebuilt");
        assertSeedSearchable();
    }

    @Test
    void deletedIndexFolderIsRebuiltOnOpen() throws IOException {
        seed();
        closeTheStore();
        deleteRecursively(indexDir());

        openTheStore();

        assertSeedSearchable();
    }

    @Test
    void oneDeletedIndexIsRebuiltOnOpen() throws IOException {
        seed();
        closeTheStore();
        deleteRecursively(indexDir().resolve(SearchIndexes.MESSAGES));

        openTheStore();

        assertSeedSearchable();
    }

    @Test
    void indexWithAGarbageSegmentsFileIsRebuiltOnOpen() throws IOException {
        seed();
        closeTheStore();
        for (String index : SearchIndexes.ALL) {
            try (Stream<Path> files = Files.list(indexDir().resolve(index))) {
                List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList();
                assertFalse(segments.isEmpty(), "no segments file in " + index);
                for (Path segment : segments) {
                    Files.writeString(segment, "this is not a lucene commit point ".repeat(20));
                }
            }
        }

        openTheStore();

        assertSeedSearchable();
    }

    @Test
    void changeMadeWhileTheStoreWasClosedIsAppliedFromItsRecordedWorkWithoutARebuild() throws IOException {
        seed();
        closeTheStore();
        Map<String, String> before = snapshot();
        // the database's triggers record the change, as they would for a crashed store's writes
        sql("update chat_messages set content = 'the okapi said hello' where content = 'the wombat said hello'");
        assertEquals(2, workRows());

        openTheStore();

        assertEquals(Set.of("alpha-session", "beta-session"), found("okapi"));
        assertEquals(Set.of(), found("wombat"));
        assertConsistent();
        assertEquals(0, workRows());
        Map<String, String> after = snapshot();
        // no rebuild: the indexes the change did not touch kept their files as they were
        before.keySet().stream().filter(f -> f.startsWith("sessions/") || f.startsWith("instances/"))
                .forEach(f -> assertEquals(before.get(f), after.get(f), f));
    }

    @Test
    void rowsInsertedWithoutTheStoreAreIndexedOnOpen() {
        seed();
        closeTheStore();
        sql("insert into sessions (workspace_hash, id, version, session_type, task, status, created_at, updated_at)"
                        + " values ('" + ws + "', 'raw', 0, 'ensemble', 'Raw quokka task', 'running',"
                        + " " + timeLiteral("2025-05-01T00:00:00.000Z") + ", " + timeLiteral("2025-05-01T00:00:00.000Z") + ")",
                "insert into instances (session_pk, instance_id, worktree_path, branch, agent_name, tmux_session_id,"
                        + " status, output) select pk, 0, '/w', 'b', 'raw-agent', 't', 'running', 'raw numbat output'"
                        + " from sessions where id = 'raw'",
                "insert into chat_messages (session_pk, id, seq, role, content, timestamp) select pk, 'm0', 0,"
                        + " 'user', 'raw dingo message', " + timeLiteral("2025-05-01T00:00:00.000Z") + " from sessions where id = 'raw'");

        openTheStore();

        assertEquals(Set.of("raw"), found("quokka"));
        assertEquals(Set.of("raw"), found("numbat"));
        assertEquals(Set.of("raw"), found("dingo"));
        assertEquals(Set.of("raw"), found("quokka", inWs().types(SessionType.ENSEMBLE).build()),
                "with the filter fields of its row");
        assertConsistent();
    }

    @Test
    void rowsDeletedWithoutTheStoreDisappearFromTheIndexOnOpen() {
        seed();
        closeTheStore();
        sql("delete from sessions where id = 'alpha-session'"); // instances and messages cascade

        openTheStore();

        assertEquals(Set.of("beta-session"), found("kerberos"));
        assertEquals(Set.of("beta-session"), found("wombat"));
        assertEquals(Set.of("beta-session"), found("platypus"));
        assertEquals(new IndexCounts(1, 2, 2, 1, 2, 2), store.fullText().counts());
    }

    @Test
    void sessionUpdatedWithoutTheStoreIsReindexedOnOpen() {
        seed();
        closeTheStore();
        sql("update sessions set task = 'Renamed quokka task', updated_at = " + timeLiteral("2099-01-01T00:00:00.000Z")
                + " where id = 'alpha-session'");

        openTheStore();

        assertEquals(Set.of("alpha-session"), found("quokka"));
        assertEquals(Set.of("beta-session"), found("kerberos"));
    }

    // ---- one open store per index ----

    @Test
    void secondStoreOnTheSameFileReadsWritesAndSearchesBesideTheFirst() {
        seed();

        try (SessionStore second = SessionStore.open(StoreConfig.builder(dbFile).build())) {
            // the first holds the index writer; the second reads the index it commits
            assertSeedSearchable();
            assertEquals(2, second.fullText().search(FullTextQuery.matching("kerberos").build()).totalSessions());
            second.sessions().create(ws, session("from-second", "Quokka written by the second store"));
            assertEquals(Set.of("from-second"), found("quokka"), "the writer applies the second's work");
            assertEquals(1, second.fullText().search(FullTextQuery.matching("quokka").build()).totalSessions());
        }
        save("after", "Numbat written after the second closed");
        assertEquals(Set.of("after"), found("numbat"));
        assertConsistent();
    }

    @Test
    void storeWithoutTheWriterTakesItOverWhenTheWriterCloses() {
        seed();
        try (SessionStore second = SessionStore.open(StoreConfig.builder(dbFile).build())) {
            closeTheStore();
            second.sessions().create(ws, session("late", "Bilby written after the writer closed"));
            assertEquals(1, second.fullText().search(FullTextQuery.matching("bilby").build()).totalSessions(),
                    "the second took the writer over and applied its own work");
            assertTrue(second.fullText().counts().consistent());
        }
    }

    @Test
    void anotherDatabaseCannotShareAnOpenIndexFolder() {
        StorageException e = assertThrows(StorageException.class, () -> SessionStore.open(
                StoreConfig.builder(dir.resolve("second.db")).indexDirectory(indexDir()).busyTimeout(SHORT_WAIT).build())
                .close());

        assertTrue(e.getMessage().contains(indexDir().toString()), e.getMessage());
        save("s", "Still works");
        assertEquals(Set.of("s"), found("works"));
    }

    @Test
    void closedStoreHoldsNoLock() throws IOException {
        seed();
        closeTheStore();

        for (String index : SearchIndexes.ALL) {
            try (Directory directory = FSDirectory.open(indexDir().resolve(index));
                 Lock lock = directory.obtainLock("write.lock")) {
                lock.ensureValid();
            }
        }
        long start = System.nanoTime();
        store = SessionStore.open(StoreConfig.builder(dbFile).busyTimeout(SHORT_WAIT).build());
        repo = store.sessions();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        assertSeedSearchable();
    }

    @Test
    void failedOpenReleasesTheIndexFolder() {
        seed();
        closeTheStore();

        assertThrows(SessionStoreException.class, () -> SessionStore.open(StoreConfig.builder(dbFile)
                .busyTimeout(SHORT_WAIT)
                .hibernateProperty("hibernate.search.backend.lucene_version", "not-a-lucene-version")
                .build()).close());

        store = SessionStore.open(StoreConfig.builder(dbFile).busyTimeout(SHORT_WAIT).build());
        repo = store.sessions();
        assertSeedSearchable();
    }

    // ---- reindexing by hand ----

    @Test
    void reindexReportsProgressUpToTheTotalAndCountsEveryDocument() {
        seed();
        save("third", "Third task", "one message");
        long expected = 3 + 4 + 5;
        List<long[]> calls = new ArrayList<>();

        ReindexReport report = store.fullText().reindex((done, total) -> {
            synchronized (calls) {
                calls.add(new long[] {done, total});
            }
        });

        assertEquals(expected, report.documents());
        assertFalse(report.elapsed().isNegative());
        assertTrue(report.documentsPerSecond() > 0);
        assertFalse(calls.isEmpty(), "no progress reported");
        long[] last = calls.get(calls.size() - 1);
        assertEquals(expected, last[0], "done at the end");
        assertEquals(expected, last[1], "total at the end");
        for (long[] call : calls) {
            assertTrue(call[0] <= expected && call[1] <= expected, call[0] + "/" + call[1]);
        }
        assertSeedSearchable();
        assertEquals(Set.of("third"), found("third"));
    }

    @Test
    void reindexOfAnEmptyStoreReportsNothingToDo() {
        ReindexReport report = store.fullText().reindex();

        assertEquals(0, report.documents());
        assertTrue(store.fullText().counts().consistent());
    }

    @Test
    void documentTheIndexRefusesIsLeftOutAloneAndCheckReportsIt() {
        seed();
        // written behind the API's limits: a message id far over Lucene's term limit
        sql("insert into chat_messages (session_pk, id, seq, role, content, timestamp) select pk, '"
                + "x".repeat(40_000) + "', 9, 'user', 'a quoll in a refused message', " + timeLiteral("2025-05-01T00:00:00.000Z")
                + " from sessions where id = 'alpha-session'");
        save("next", "Quokka written after the refused one");

        assertEquals(Set.of("next"), found("quokka"), "the rest is indexed");
        assertEquals(Set.of(), found("quoll"));
        assertEquals(1, store.fullText().catchUp().refused());
        IndexDifferences differences = store.fullText().differences();
        assertEquals(1, differences.missing(), differences.toString());
        assertEquals(0, differences.pendingWork(), "the refused row does not hold up the others");
    }

    @Test
    void reindexRemovesDocumentsWhoseRowsWereDeletedBehindTheStoreBack() {
        seed();
        // a row deleted straight in the file, its index work too: the index still has it
        sql("delete from chat_messages where id = 'm0'", "delete from search_index_work");
        assertFalse(store.fullText().counts().consistent());

        store.fullText().reindex();

        assertConsistent();
        assertEquals(Set.of(), found("wombat"));
    }

    @Test
    void messageAddedThroughTheStoreAfterReopenIsIndexed() {
        seed();
        reopen();

        repo.addChatMessage(ws, "alpha-session", new ChatMessage("late", MessageRole.USER, "late capybara"));

        assertEquals(Set.of("alpha-session"), found("capybara"));
        assertConsistent();
    }
}
