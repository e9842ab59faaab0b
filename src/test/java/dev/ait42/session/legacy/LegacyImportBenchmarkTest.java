package dev.ait42.session.legacy;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.schema.SchemaMigrator;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.IndexCounts;
import dev.ait42.session.store.SqlitePools;
import dev.ait42.session.store.Transactions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk path on a generated home of 1,000 sessions (5 instances and 50 messages each): prints
 * the import time against a raw JDBC insert of the same rows (no timing assertion: machines
 * differ) and checks the result; imports the same home in a JVM capped at 256 MB of heap, and
 * reads a file of about 80 MB in a JVM capped at 48 MB (streaming: never a whole file in memory).
 */
class LegacyImportBenchmarkTest extends LegacyTestSupport {

    private static final int SESSIONS = 1000;

    @Test
    void thousandGeneratedSessionsImportSearchableAndPrintTheirTiming() throws Exception {
        Path warmHome = dir.resolve("warm-up"); // a smaller run first, so the figures are not those of cold code
        LegacyHomeGenerator.write(warmHome, 100, 1, 1);
        try (SessionStore warm = SessionStore.open(StoreConfig.of(dir.resolve("warm.db")))) {
            new LegacyHistory(warm).importHome(warmHome, false, ImportProgress.NONE);
        }
        Path home = dir.resolve("home");
        Path file = LegacyHomeGenerator.write(home, SESSIONS, 1, 42).get(0);
        long parseStart = System.nanoTime();
        List<Session> parsed = parseAll(file);
        long parseNanos = System.nanoTime() - parseStart;

        ImportReport report = importHome(home); // indexes new sessions on a second thread as it goes
        long totalNanos = report.elapsed().toNanos();
        long writeNanos;
        try (SessionStore other = SessionStore.open(StoreConfig.of(dir.resolve("no-index.db")))) {
            long start = System.nanoTime(); // the same without indexing: reading, comparing and writing alone
            new LegacyImport(other, new Transactions(other.entityManagerFactory()), false, ImportProgress.NONE, false)
                    .run(home);
            writeNanos = System.nanoTime() - start;
        }
        long rawNanos = rawJdbcInsert(parsed);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(SESSIONS, report.created());
        long rows = SESSIONS * (1L + LegacyHomeGenerator.INSTANCES + LegacyHomeGenerator.MESSAGES);
        assertEquals(rows, countRows("SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM instances)"
                + " + (SELECT count(*) FROM chat_messages)"));
        IndexCounts counts = store.fullText().counts();
        assertTrue(counts.consistent(), counts.toString());
        assertTrue(store.fullText().search(FullTextQuery.matching("リフレッシュトークン").build()).totalSessions() > 0);

        System.out.printf(Locale.ROOT, "legacy import of %,d sessions (%,d rows, %.1f MB of JSON) on %d cores:"
                        + " %,d ms, full-text search ready; without indexing %,d ms (of which parsing alone about %,d ms)%n",
                SESSIONS, rows, Files.size(file) / 1e6, Runtime.getRuntime().availableProcessors(), ms(totalNanos),
                ms(writeNanos), ms(parseNanos));
        System.out.printf(Locale.ROOT, "raw JDBC insert of the same rows (already in memory): %,d ms = %,.0f rows/s;"
                        + " import without indexing %,.0f rows/s = %.2f x raw JDBC (%.2f x with indexing)%n",
                ms(rawNanos), rows / (rawNanos / 1e9), rows / (writeNanos / 1e9), (double) rawNanos / writeNanos,
                (double) rawNanos / totalNanos);
    }

    @Test
    void importOfAThousandGeneratedSessionsRunsInA256MegabyteHeap() throws Exception {
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, SESSIONS, 1, 42);

        String summary = runCapped("256m", "import", home);

        assertTrue(summary.startsWith("created=" + SESSIONS + " problems=0"), summary);
    }

    @Test
    void fileMuchLargerThanTheHeapIsReadSessionBySession() throws Exception {
        Path home = dir.resolve("home");
        Path file = LegacyHomeGenerator.write(home, 3 * SESSIONS, 1, 42).get(0);
        assertTrue(Files.size(file) > 75_000_000, "about 80 MB of JSON");

        String summary = runCapped("48m", "dry-run", home);

        assertTrue(summary.startsWith("created=" + 3 * SESSIONS + " problems=0"), summary);
    }

    /** Runs {@link ImportInSmallHeap} in a JVM of its own with {@code -Xmx<heap>}; its last line of output. */
    private String runCapped(String heap, String mode, Path home) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-cp", classpath,
                "-Djava.util.logging.config.file=" + Path.of("src/test/resources/logging.properties").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ImportInSmallHeap.class.getName(), mode, home.toString(), dir.resolve(mode + ".db").toString())
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), String.join("\n", output));
        String summary = output.get(output.size() - 1);
        System.out.println(mode + " in a JVM with -Xmx" + heap + ": " + summary);
        return summary;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static List<Session> parseAll(Path file) throws Exception {
        List<Session> sessions = new ArrayList<>();
        try (LegacyFileReader reader = new LegacyFileReader(file)) {
            reader.start();
            for (LegacyFileReader.Item item = reader.next(); item != null; item = reader.next()) {
                sessions.add(((LegacyFileReader.Parsed) item).session());
            }
        }
        return sessions;
    }

    /** The same rows with plain JDBC batches into a fresh database, one transaction per 100 sessions. */
    private long rawJdbcInsert(List<Session> sessions) throws SQLException {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("raw.db")))) {
            SchemaMigrator.migrate(pools.writer());
            try (Connection c = pools.writer().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement w = c.prepareStatement("INSERT INTO workspaces VALUES (?, NULL, ?)")) {
                    w.setString(1, "0123456789abcdef");
                    w.setString(2, Timestamps.format(Instant.now()));
                    w.execute();
                }
                c.commit();
                long start = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (pk, workspace_hash, id, version,"
                        + " session_type, task, status, created_at, updated_at, completed_at, model, timeout_seconds,"
                        + " preserve_worktrees, winner_id, runtime_mix, total_duration, total_files_changed,"
                        + " total_lines_added, total_lines_deleted, integration_phase, integration_instance_id, extra)"
                        + " VALUES (?,?,?,0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                     PreparedStatement i = c.prepareStatement("INSERT INTO instances (session_pk, instance_id,"
                             + " worktree_path, branch, agent_name, tmux_session_id, status, output, start_time, end_time,"
                             + " files_changed, lines_added, lines_deleted, runtime, model, runtime_label, extra)"
                             + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                     PreparedStatement m = c.prepareStatement("INSERT INTO chat_messages (session_pk, id, seq, role,"
                             + " content, timestamp, instance_id, extra) VALUES (?,?,?,?,?,?,?,?)")) {
                    long pk = 0;
                    for (Session x : sessions) {
                        pk++;
                        s.setLong(1, pk);
                        s.setString(2, "0123456789abcdef");
                        s.setString(3, x.getId());
                        s.setString(4, x.getType().wire());
                        s.setString(5, x.getTask());
                        s.setString(6, x.getStatus().wire());
                        s.setString(7, Timestamps.format(x.getCreatedAt()));
                        s.setString(8, Timestamps.format(x.getUpdatedAt()));
                        s.setString(9, x.getCompletedAt() == null ? null : Timestamps.format(x.getCompletedAt()));
                        s.setString(10, x.getModel());
                        setLong(s, 11, x.getTimeoutSeconds());
                        setLong(s, 12, x.getPreserveWorktrees() == null ? null : x.getPreserveWorktrees() ? 1L : 0L);
                        setLong(s, 13, x.getWinnerId() == null ? null : x.getWinnerId().longValue());
                        s.setString(14, x.getRuntimeMix() == null ? null : JSON.writeValueAsString(x.getRuntimeMix()));
                        setLong(s, 15, x.getTotalDuration());
                        setLong(s, 16, x.getTotalFilesChanged() == null ? null : x.getTotalFilesChanged().longValue());
                        setLong(s, 17, x.getTotalLinesAdded() == null ? null : x.getTotalLinesAdded().longValue());
                        setLong(s, 18, x.getTotalLinesDeleted() == null ? null : x.getTotalLinesDeleted().longValue());
                        s.setString(19, x.getIntegrationPhase() == null ? null : x.getIntegrationPhase().wire());
                        setLong(s, 20, x.getIntegrationInstanceId() == null ? null : x.getIntegrationInstanceId().longValue());
                        s.setString(21, x.getExtra() == null ? null : JSON.writeValueAsString(x.getExtra()));
                        s.addBatch();
                        for (Instance n : x.getInstances()) {
                            i.setLong(1, pk);
                            i.setInt(2, n.getInstanceId());
                            i.setString(3, n.getWorktreePath());
                            i.setString(4, n.getBranch());
                            i.setString(5, n.getAgentName());
                            i.setString(6, n.getTmuxSessionId());
                            i.setString(7, n.getStatus().wire());
                            i.setString(8, n.getOutput());
                            i.setString(9, n.getStartTime() == null ? null : Timestamps.format(n.getStartTime()));
                            i.setString(10, n.getEndTime() == null ? null : Timestamps.format(n.getEndTime()));
                            setLong(i, 11, n.getFilesChanged() == null ? null : n.getFilesChanged().longValue());
                            setLong(i, 12, n.getLinesAdded() == null ? null : n.getLinesAdded().longValue());
                            setLong(i, 13, n.getLinesDeleted() == null ? null : n.getLinesDeleted().longValue());
                            i.setString(14, n.getRuntime());
                            i.setString(15, n.getModel());
                            i.setString(16, n.getRuntimeLabel());
                            i.setString(17, n.getExtra() == null ? null : JSON.writeValueAsString(n.getExtra()));
                            i.addBatch();
                        }
                        for (ChatMessage g : x.getMessages()) {
                            m.setLong(1, pk);
                            m.setString(2, g.getId());
                            m.setInt(3, g.getSeq());
                            m.setString(4, g.getRole().wire());
                            m.setString(5, g.getContent());
                            m.setString(6, Timestamps.format(g.getTimestamp()));
                            setLong(m, 7, g.getInstanceId() == null ? null : g.getInstanceId().longValue());
                            m.setString(8, g.getExtra() == null ? null : JSON.writeValueAsString(g.getExtra()));
                            m.addBatch();
                        }
                        if (pk % 100 == 0 || pk == sessions.size()) {
                            s.executeBatch();
                            i.executeBatch();
                            m.executeBatch();
                            c.commit();
                        }
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError(e);
                }
                return System.nanoTime() - start;
            }
        }
    }

    private static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.BIGINT);
        } else {
            st.setLong(index, value);
        }
    }
}
