package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.Session;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.SearchIndexes;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's own index work record (triggers, applied by the process holding the index writer)
 * against Hibernate Search's outbox-polling coordination, on the same SQLite file and mapping:
 * the write cost, how soon a second store on the same file finds a write, and where each event
 * lands when every process keeps a local Lucene index. A measurement, not part of the suite: it
 * needs the outbox-polling module, which the {@code outbox-comparison} profile adds, activated by
 * the same property that enables this class:
 * <pre>
 * ./mvnw -q -Dait42.skipArchive=true -Dait42.compare.outbox=true test-compile \
 *     surefire:test@default-test -Dtest=OutboxPollingComparisonTest
 * </pre>
 * It prints its figures as lines starting with {@code outbox comparison:}.
 */
@EnabledIfSystemProperty(named = "ait42.compare.outbox", matches = "true")
class OutboxPollingComparisonTest {

    private static final int SESSIONS = Integer.getInteger("ait42.compare.sessions", 200);
    private static final int PROBE_EVERY = 10;

    @TempDir
    Path folder;

    private final Samples samples = new Samples(7);

    @Test
    void measuresBothWaysOnTheSameFileAndMapping() throws Exception {
        List<Figures> record = new ArrayList<>();
        List<Figures> outbox = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // alternating, so that both see the same machine
            record.add(writerAndReader("record-" + round, false));
            outbox.add(writerAndReader("outbox-" + round, true));
        }
        record.forEach(f -> print("index work record (triggers)", f));
        outbox.forEach(f -> print("outbox-polling 8.2.2", f));
        for (Figures f : record) {
            assertEquals(0, f.neverVisible, "every write of the record is found by the second store");
        }
        eventsLandInOneLocalIndexOnly();
    }

    /** A writing store and a second store on the same file, as two processes would have them. */
    private Figures writerAndReader(String name, boolean outbox) throws Exception {
        Path database = folder.resolve(name + ".db");
        try (SessionStore first = SessionStore.open(database)) {
            first.sessions().registerWorkspace(folder.resolve("project")); // schema and index exist
        }
        if (outbox) {
            dropIndexWorkTriggers(database); // the outbox's events replace the record's rows
        }
        Figures figures = new Figures();
        try (SessionStore writer = SessionStore.open(config(database, null, outbox, true));
             SessionStore reader = SessionStore.open(config(database, null, outbox, false))) {
            String workspace = writer.sessions().registerWorkspace(folder.resolve("project")).getHash();
            if (outbox) {
                indexLibraryTypesFromListeners(writer);
            }
            for (int r = 0; r < SESSIONS; r++) {
                Session session = samples.session(name + "-" + r, r);
                session.setTask(word(r) + " " + session.getTask());
                long start = System.nanoTime();
                writer.sessions().create(workspace, session);
                long committed = System.nanoTime();
                figures.insert.add(committed - start);
                if (r % PROBE_EVERY == 0) {
                    while (found(reader, word(r)) == 0) {
                        if (System.nanoTime() - committed > 30_000_000_000L) {
                            figures.neverVisible++;
                            break;
                        }
                        Thread.sleep(5);
                    }
                    figures.visible.add(System.nanoTime() - committed);
                }
            }
        }
        return figures;
    }

    /**
     * Two stores, each with a local index of its own, both running outbox agents: each event is
     * processed by one agent, so each index holds only a share of the writes.
     */
    private void eventsLandInOneLocalIndexOnly() throws Exception {
        Path database = folder.resolve("split.db");
        for (String index : List.of("index-a", "index-b")) { // built by the store (its rebuild filters per session)
            try (SessionStore first = SessionStore.open(StoreConfig.builder(database).indexDirectory(folder.resolve(index)).build())) {
                first.sessions().registerWorkspace(folder.resolve("project"));
            }
        }
        dropIndexWorkTriggers(database);
        int sessions = 100;
        try (SessionStore a = SessionStore.open(config(database, folder.resolve("index-a"), true, true));
             SessionStore b = SessionStore.open(config(database, folder.resolve("index-b"), true, true))) {
            String workspace = a.sessions().registerWorkspace(folder.resolve("project")).getHash();
            indexLibraryTypesFromListeners(a);
            indexLibraryTypesFromListeners(b);
            Thread.sleep(5_000); // both agents registered and given their shards
            for (int r = 0; r < sessions; r++) {
                Session session = samples.session("split-" + r, r);
                session.setTask("splitword " + session.getTask());
                a.sessions().create(workspace, session);
            }
            long inA = 0;
            long inB = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inA + inB < sessions && System.nanoTime() < deadline) {
                Thread.sleep(200);
                inA = found(a, "splitword");
                inB = found(b, "splitword");
            }
            System.out.printf(Locale.ROOT, "outbox comparison: two stores, a local index each, both agents:"
                    + " %d sessions written through A; A's index finds %d, B's index finds %d%n", sessions, inA, inB);
            assertTrue(inA < sessions || inB < sessions, "one event reaches one agent's index, not both");
        }
    }

    private StoreConfig config(Path database, Path index, boolean outbox, boolean processesEvents) {
        StoreConfig.Builder builder = StoreConfig.builder(database);
        if (index != null) {
            builder.indexDirectory(index);
        }
        if (outbox) {
            builder.searchCatchUpPeriod(Duration.ZERO)
                    .hibernateProperty("hibernate.search.indexing.listeners.enabled", true)
                    .hibernateProperty("hibernate.search.coordination.strategy", "outbox-polling")
                    .hibernateProperty("hibernate.search.coordination.event_processor.enabled", processesEvents)
                    // an empty value is "not set": the outbox refuses any synchronization strategy
                    .hibernateProperty("hibernate.search.indexing.plan.synchronization.strategy", "")
                    // its two tables are Hibernate-managed (the schema has no changeset for them)
                    .hibernateProperty("hibernate.hbm2ddl.auto", "update");
        }
        return builder.build();
    }

    /** The store keeps Hibernate Search's listeners off its types (they go through the record): undo that. */
    private static void indexLibraryTypesFromListeners(SessionStore store) {
        found(store, "warmup"); // the store's first search installs its filter
        Search.mapping(store.entityManagerFactory()).indexingPlanFilter(f -> SearchIndexes.TYPES.forEach(f::include));
    }

    private static void dropIndexWorkTriggers(Path database) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = connection.createStatement()) {
            List<String> triggers = new ArrayList<>();
            try (var rows = statement.executeQuery("select name from sqlite_master where type = 'trigger'")) {
                while (rows.next()) {
                    triggers.add(rows.getString(1));
                }
            }
            for (String trigger : triggers) {
                statement.execute("drop trigger " + trigger);
            }
        }
    }

    private static long found(SessionStore store, String word) {
        return store.fullText().search(FullTextQuery.matching(word).build()).totalSessions();
    }

    private static String word(int r) {
        return "probe" + r + "x";
    }

    private static void print(String way, Figures f) {
        System.out.printf(Locale.ROOT, "outbox comparison: %s: %d inserts (5 instances, 50 messages each), p50 %.2f ms,"
                        + " p95 %.2f ms; found by a second store on the file: p50 %.0f ms, p95 %.0f ms, never %d%n",
                way, f.insert.count(), f.insert.p50(), f.insert.p95(), f.visible.p50(), f.visible.p95(), f.neverVisible);
    }

    private static final class Figures {
        final Latencies insert = new Latencies();
        final Latencies visible = new Latencies();
        long neverVisible;
    }
}
