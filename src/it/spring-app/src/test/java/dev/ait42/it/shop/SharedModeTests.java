package dev.ait42.it.shop;

import dev.ait42.session.SessionServices;
import dev.ait42.session.ConflictException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.FullTextSearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared mode as an application gets it from the auto-configuration with nothing set but
 * {@code spring.datasource.url} (and, on a server database, the index folder): the library inside
 * the application's own transactions. The same tests on each database: {@link SharedModeTest} on a
 * SQLite file, {@link SharedModeOnPostgresqlTest} on a PostgreSQL DataSource; each names its
 * database in a {@code @DynamicPropertySource} of its own.
 */
@SpringBootTest
abstract class SharedModeTests {

    static final Path DIR = tempDir();

    /** Where the search index must be on this database. */
    abstract Path expectedIndexDirectory();

    /** Whether the DataSource is SQLite's (pragmas are SQLite's alone). */
    abstract boolean sqlite();

    @Autowired SessionRepository sessions;
    @Autowired FullTextSearch fullText;
    @Autowired SessionServices services;
    @Autowired OrderRepository orders;
    @Autowired StoredSessions storedSessions;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcTemplate jdbc;

    String ws;

    @BeforeEach
    void workspace() {
        ws = sessions.registerWorkspace(DIR.resolve("project-" + UUID.randomUUID())).getHash();
    }

    @Test
    void anOuterRollbackUndoesTheLibrarysWritesAndTheApplicationsRowAndIndexesNothing() {
        String word = "zebracorn" + System.nanoTime();
        long ordersBefore = orders.count();
        transactions.executeWithoutResult(status -> {
            orders.save(new Order("keyboard", Instant.now()));
            sessions.create(ws, session("rolled-back", "rewrite the " + word + " parser"));
            sessions.addChatMessage(ws, "rolled-back", new ChatMessage("m-rolled-back", MessageRole.USER, word + " again"));
            status.setRollbackOnly();
        });

        assertTrue(sessions.find(ws, "rolled-back").isEmpty());
        assertEquals(0, count("SELECT count(*) FROM chat_messages WHERE id = 'm-rolled-back'"));
        assertEquals(ordersBefore, orders.count());
        assertEquals(0, fullText.search(FullTextQuery.matching(word).build()).totalSessions());
    }

    @Test
    void aCommitKeepsTheLibrarysWritesWithTheApplicationsAndFullTextFindsThem() {
        String word = "quokkafish" + System.nanoTime();
        transactions.executeWithoutResult(status -> {
            orders.save(new Order("mouse", Instant.now()));
            sessions.create(ws, session("kept", "tune the " + word + " cache"));
            sessions.addChatMessage(ws, "kept", new ChatMessage("m-late", MessageRole.USER, "and the " + word));
        });

        assertEquals(2, sessions.get(ws, "kept").getMessages().size());
        assertTrue(orders.count() >= 1);
        var page = fullText.search(FullTextQuery.matching(word).build());
        assertEquals(1, page.totalSessions());
        assertEquals("kept", page.hits().get(0).session().getId());
        orders.deleteAll();
    }

    @Test
    void aLibraryCallThatFailsInsideTheCallersTransactionLeavesNothingCommitted() {
        sessions.create(ws, session("taken", "first"));
        long ordersBefore = orders.count();

        assertThrows(RuntimeException.class, () -> transactions.executeWithoutResult(status -> {
            orders.save(new Order("cable", Instant.now()));
            sessions.create(ws, session("fresh", "second"));
            assertThrows(ConflictException.class, () -> sessions.create(ws, session("taken", "duplicate")));
        }));

        assertEquals(ordersBefore, orders.count());
        assertTrue(sessions.find(ws, "fresh").isEmpty());
    }

    @Test
    void withoutACallerTransactionEachCallCommitsInItsOwn() {
        sessions.create(ws, session("alone", "standalone call"));
        sessions.changeStatus(ws, "alone", SessionStatus.COMPLETED);

        assertEquals(SessionStatus.COMPLETED, sessions.get(ws, "alone").getStatus());
    }

    @Test
    void aSpringDataRepositoryOfTheApplicationReadsTheLibrarysSessions() {
        sessions.create(ws, session("paused-one", "a paused run"));
        sessions.changeStatus(ws, "paused-one", SessionStatus.PAUSED);

        List<Session> paused = storedSessions.findByStatus(SessionStatus.PAUSED);
        assertTrue(paused.stream().anyMatch(s -> s.getId().equals("paused-one")));
        assertTrue(storedSessions.count() >= 1);
    }

    @Test
    void deletingOneSessionOrOldSessionsLeavesNoOrphanRows() {
        sessions.create(ws, session("one", "delete me"));
        sessions.create(ws, session("two", "delete me by age"));

        sessions.delete(ws, "one");
        assertEquals(1, sessions.deleteUpdatedBefore(ws, Instant.now().plusSeconds(60)));

        assertEquals(0, count("SELECT count(*) FROM instances WHERE session_pk NOT IN (SELECT pk FROM sessions)"));
        assertEquals(0, count("SELECT count(*) FROM chat_messages WHERE session_pk NOT IN (SELECT pk FROM sessions)"));
        assertTrue(services.maintenance().checkIntegrity().ok());
    }

    @Test
    void everyPooledConnectionHasForeignKeysAndABusyTimeout() throws Exception {
        assumeTrue(sqlite(), "SQLite's per-connection pragmas");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<long[]>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(pool.submit(() -> transactions.execute(status -> new long[] {
                        jdbc.queryForObject("PRAGMA foreign_keys", Long.class),
                        jdbc.queryForObject("PRAGMA busy_timeout", Long.class)})));
            }
            for (Future<long[]> f : seen) {
                long[] pragmas = f.get();
                assertEquals(1, pragmas[0], "foreign_keys");
                assertTrue(pragmas[1] > 0, "busy_timeout");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fourThreadsOfTwentyTransactionalWritesAllSucceed() throws Exception {
        sessions.create(ws, session("busy", "many writers"));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        String id = "w" + thread + "-" + i;
                        transactions.executeWithoutResult(status -> {
                            orders.save(new Order(id, Instant.now()));
                            sessions.addChatMessage(ws, "busy", new ChatMessage(id, MessageRole.ASSISTANT, "step " + id));
                        });
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(80, done.get());
        assertEquals(81, sessions.get(ws, "busy").getMessages().size());
        orders.deleteAll();
    }

    @Test
    void theApplicationsOwnChangelogEntitiesAndTimestampsAreItsOwn() {
        Instant placed = Instant.parse("2025-05-02T09:00:00.123Z");
        Order saved = orders.save(new Order("lamp", placed));

        assertEquals(placed, orders.findById(saved.getId()).orElseThrow().getPlacedAt());
        assertEquals(1, count("SELECT count(*) FROM DATABASECHANGELOG WHERE AUTHOR = 'shop'"));
        assertTrue(count("SELECT count(*) FROM DATABASECHANGELOG WHERE AUTHOR = 'ait42'") >= 3);
        String raw = jdbc.queryForObject("SELECT placed_at FROM shop_orders WHERE id = ?", String.class, saved.getId());
        assertNotEquals("2025-05-02T09:00:00.123Z", raw, "the library's converter is not applied to the application's Instant");
        orders.deleteAll();
    }

    @Test
    void theSearchIndexLivesWhereTheDatabaseKindSays() {
        assertTrue(Files.isDirectory(expectedIndexDirectory().resolve("sessions")),
                "index folder " + expectedIndexDirectory());
        assertFalse(Files.exists(Path.of("sessions")), "nothing in the working directory");
    }

    static Session session(String id, String task) {
        Session s = new Session(id, SessionType.COMPETITION, task);
        Instance agent = new Instance(0);
        agent.setWorktreePath("/tmp/wt-0");
        agent.setBranch("competition/0");
        agent.setAgentName("claude-0");
        agent.setTmuxSessionId("ait42-0");
        agent.setStatus(InstanceStatus.RUNNING);
        s.addInstance(agent);
        s.addMessage(new ChatMessage("m0", MessageRole.USER, task));
        return s;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("ait42-shop");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
