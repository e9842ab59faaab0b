package dev.ait42.session.schema;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.model.CanonicalTimeFunction;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.repository.InstanceGrouping;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SortDirection;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.store.SqlitePools;
import dev.ait42.session.transfer.SessionDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changeset 007 on a store made at the previous schema (timestamps as canonical text): every
 * timestamp becomes the epoch milliseconds of the same instant, the store reads every session,
 * orders and filters them as before and exports the same files, the indexes, triggers and key
 * sequence are there as they were, and a text that is no real time refuses the migration and
 * leaves the file as it was.
 */
class TimestampMigrationTest {

    /** Every timestamp column of the schema, by table. */
    private static final Map<String, List<String>> TIMES = Map.of(
            "workspaces", List.of("last_accessed"),
            "sessions", List.of("created_at", "updated_at", "completed_at"),
            "instances", List.of("start_time", "end_time"),
            "chat_messages", List.of("timestamp"));
    private static final Map<String, String> KEYS = Map.of("workspaces", "hash", "sessions", "pk",
            "instances", "session_pk, instance_id", "chat_messages", "session_pk, id");

    @TempDir
    Path dir;

    @Test
    void aStoreWithDataAtThePreviousSchemaMigratesAndReadsBackIdentically() throws Exception {
        Path file = dir.resolve("s.db");
        String ws;
        List<String> digests;
        List<String> readsBefore;
        List<String> schemaBefore;
        try (SessionStore store = SessionStore.open(file)) {
            ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            // the years' edges, before 1970 with milliseconds, unfinished instances (NULL times)
            List<Instant> times = List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
                    Instant.parse("1970-01-01T00:00:00.001Z"), Instant.parse("2025-05-02T09:00:00.123Z"),
                    Instant.parse("9999-12-31T23:59:59.999Z"));
            for (int i = 0; i < times.size(); i++) {
                Session s = Fixtures.sessionWithGraph("platypus timestamps " + i, 2, 3);
                s.setCreatedAt(times.get(i));
                s.setCompletedAt(times.get(i));
                s.getInstances().get(0).setStartTime(times.get(i));
                s.getInstances().get(0).setEndTime(times.get((i + 1) % times.size()));
                s.getMessages().get(1).setTimestamp(times.get(times.size() - 1 - i));
                store.sessions().create(ws, s);
            }
            Session unfinished = Fixtures.sessionWithGraph("platypus unfinished", 1, 1);
            for (Instance instance : unfinished.getInstances()) {
                instance.setStartTime(null);
                instance.setEndTime(null);
            }
            store.sessions().create(ws, unfinished);
            String gone = store.sessions().create(ws, Fixtures.session("deleted, its key never reused")).getId();
            store.sessions().delete(ws, gone);
            digests = digests(store, ws);
            readsBefore = reads(store, ws);
            schemaBefore = schema(file);
        }
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.rollback(pools.writer(), 1); // back to the previous schema, its times as text again
        }
        assertEquals("text", value(file, "SELECT DISTINCT typeof(timestamp) FROM chat_messages"), "the previous schema");
        Map<String, List<String>> textRows = rowsWithTimesAsText(file, false);
        long sequence = Long.parseLong(value(file, "SELECT seq FROM sqlite_sequence WHERE name = 'sessions'"));
        Path exportBefore = dir.resolve("export-before");
        try (SessionStore store = SessionStore.open(file)) { // migrates
            assertEquals(textRows, rowsWithTimesAsText(file, true), "every row, every time the same instant");
            for (Map.Entry<String, List<String>> table : TIMES.entrySet()) {
                for (String column : table.getValue()) {
                    assertEquals(0, Long.parseLong(value(file, "SELECT count(*) FROM " + table.getKey() + " WHERE "
                            + column + " IS NOT NULL AND typeof(" + column + ") <> 'integer'")), column);
                }
            }
            assertEquals(schemaBefore, schema(file), "the same indexes and triggers, the new columns");
            assertEquals(String.valueOf(sequence), value(file, "SELECT seq FROM sqlite_sequence WHERE name = 'sessions'"));
            assertEquals(digests, digests(store, ws), "every session with its graph as it was");

            assertEquals(readsBefore, reads(store, ws), "orderings, range filters and statistics as before");
            assertEquals(6, new LegacyHistory(store).exportTo(exportBefore).sessions());

            Session added = store.sessions().create(ws, Fixtures.session("a wombat after the migration"));
            assertTrue(added.getPk() > sequence, "a deleted session's key is not reused");
            store.sessions().changeStatus(ws, added.getId(), SessionStatus.COMPLETED);
            assertEquals(1, store.fullText().search(FullTextQuery.matching("wombat").build()).totalSessions());
            assertEquals(6, store.fullText().search(FullTextQuery.matching("platypus").build()).totalSessions());
            store.sessions().delete(ws, added.getId());
        }
        // the export of the migrated store is the export of the store before the rollback
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.rollback(pools.writer(), 1);
        }
        Path exportText = dir.resolve("export-text");
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(6, new LegacyHistory(store).exportTo(exportText).sessions());
        }
        assertEquals(files(exportBefore), files(exportText));
    }

    @Test
    void aTextThatIsNoRealTimeRefusesTheMigrationAndLeavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(file)) {
            String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            store.sessions().create(ws, Fixtures.sessionWithGraph("platypus", 1, 2));
        }
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.rollback(pools.writer(), 1);
        }
        // the previous schema's GLOB lets February 30th through; no instant has that text
        execute(file, "UPDATE instances SET end_time = '2025-02-30T10:00:00.000Z'");
        Map<String, List<String>> before = rowsWithTimesAsText(file, false);

        SessionStoreException refused = assertThrows(SessionStoreException.class, () -> SessionStore.open(file).close());
        assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
        assertEquals(before, rowsWithTimesAsText(file, false), "nothing converted");
        assertFalse(value(file, "SELECT sql FROM sqlite_master WHERE name = 'instances'").contains("typeof"));
        assertEquals("0", value(file, "SELECT count(*) FROM DATABASECHANGELOG WHERE ID LIKE '007-%'"));
    }

    /** The rows of the four tables in key order, every time as canonical text (the stored text before 007). */
    private static Map<String, List<String>> rowsWithTimesAsText(Path file, boolean millis) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : TIMES.entrySet()) {
            StringBuilder columns = new StringBuilder("*");
            for (String column : table.getValue()) {
                columns.append(", ").append(millis ? CanonicalTimeFunction.onSqlite(column) : column).append(" AS t_").append(column);
            }
            List<String> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + table.getKey() + " ORDER BY " + KEYS.get(table.getKey()))) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String name = meta.getColumnName(i);
                        if (!table.getValue().contains(name)) { // the times are compared as their text
                            row.append(name).append('=').append(rs.getString(i)).append(' ');
                        }
                    }
                    rows.add(row.toString());
                }
            }
            assertFalse(rows.isEmpty(), table.getKey());
            tables.put(table.getKey(), rows);
        }
        return tables;
    }

    /** The indexes and triggers with their SQL, and the tables' names. */
    private static List<String> schema(Path file) throws SQLException {
        List<String> schema = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, CASE WHEN type = 'table' THEN '' ELSE sql END"
                     + " FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                schema.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return schema;
    }

    /**
     * What the store answers on the times: both orders, a half-open millisecond range around 1970
     * (only the session created at 1969-12-31T23:59:59.999Z is in it), durations and percentiles.
     */
    private static List<String> reads(SessionStore store, String ws) {
        List<String> reads = new ArrayList<>();
        for (SortDirection direction : SortDirection.values()) {
            reads.add(store.sessions().search(SessionQuery.inWorkspace(ws).sort(SessionSort.CREATED_AT, direction).build(),
                    0, 100).items().stream().map(Session::getTask).toList().toString());
        }
        List<String> inRange = store.sessions().search(SessionQuery.inWorkspace(ws)
                .createdBetween(Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00.001Z")).build(),
                0, 100).items().stream().map(Session::getTask).toList();
        assertEquals(List.of("platypus timestamps 1"), inRange);
        reads.add(inRange.toString());
        reads.add(store.sessions().statisticsBy(SessionQuery.inWorkspace(ws).build(), InstanceGrouping.AGENT).toString());
        return reads;
    }

    private static List<String> digests(SessionStore store, String ws) {
        return store.sessions().listAll(ws).stream()
                .map(s -> SessionDigest.of(store.sessions().get(ws, s.getId()))).sorted().toList();
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    private static String value(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
