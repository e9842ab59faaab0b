package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.SessionStore;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check}, {@code backup}, {@code optimize} and {@code reindex}. */
class MaintenanceCommandsTest {

    /** 8 sessions, 10 instances, 8 messages. */
    private static final int DOCUMENTS = 8 + 10 + 8;

    @TempDir
    static Path shared;
    static SampleHistory history;

    @TempDir
    Path dir;
    /** This test's own copy of the sample database (its index is built when first opened). */
    Path db;

    private final Cli cli = new Cli();

    @BeforeAll
    static void writeHistory() {
        history = SampleHistory.write(shared);
    }

    @BeforeEach
    void copyDatabase() throws IOException {
        db = dir.resolve("copy.db");
        Files.copy(history.db(), db);
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = Path.of(history.db() + suffix);
            if (Files.exists(side)) {
                Files.copy(side, Path.of(db + suffix));
            }
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    @Test
    void checkOfAHealthyStoreIsOk() {
        assertEquals("ok: database and search index are consistent", cli.ok("check", "--db", db.toString()).strip());

        JsonNode report = cli.json("check", "--db", db.toString(), "--json");
        assertTrue(report.get("ok").asBoolean(), cli::describe);
        assertEquals(0, report.get("problems").size());
        JsonNode index = report.get("index");
        assertEquals(8, index.get("sessionRows").asLong());
        assertEquals(8, index.get("sessionDocuments").asLong());
        assertEquals(10, index.get("instanceDocuments").asLong());
        assertEquals(8, index.get("messageDocuments").asLong());
        JsonNode differences = report.get("differences");
        assertEquals(0, differences.get("missing").asLong() + differences.get("extra").asLong()
                + differences.get("stale").asLong());
        assertEquals(differences.get("rows").asLong(), differences.get("documents").asLong());
    }

    @Test
    void checkNamesEveryDocumentThatDiffersFromItsRowAndReindexRepairsThem() throws SQLException {
        cli.ok("check", "--db", db.toString()); // the copy's index is built from the database
        // changed behind the store's back, the recorded index work deleted too (a tool that bypassed it)
        sql("UPDATE chat_messages SET content = 'rewritten without the index' WHERE (session_pk, id) = (SELECT session_pk, id FROM chat_messages ORDER BY session_pk, id LIMIT 1)",
                "DELETE FROM search_index_work");

        assertEquals(1, cli.run("check", "--db", db.toString(), "--json"), cli::describe);
        JsonNode report = cli.parsedOut();
        assertTrue(!report.get("ok").asBoolean(), cli::describe);
        assertEquals(1, report.get("differences").get("stale").asLong(), cli::describe);
        assertTrue(report.get("differences").get("examples").get(0).asText().startsWith("stale messages:"), cli::describe);

        cli.ok("reindex", "--db", db.toString());
        assertTrue(cli.json("check", "--db", db.toString(), "--json").get("ok").asBoolean(), cli::describe);
    }

    @Test
    void rowsWrittenBehindTheStoresBackAreIndexedOnOpenSoCheckStaysOk() throws SQLException {
        sql("INSERT INTO sessions (workspace_hash, id, version, session_type, task, status, created_at, updated_at)"
                        + " VALUES ('" + history.hashA() + "', 'raw-insert', 0, 'ensemble',"
                        + " 'Written with plain JDBC: quokka migration', 'running',"
                        + " " + Timestamps.toMillis(Instant.parse("2025-05-10T09:00:00.000Z")) + ", " + Timestamps.toMillis(Instant.parse("2025-05-10T09:00:00.000Z")) + ")",
                "INSERT INTO instances (session_pk, instance_id, worktree_path, branch, agent_name, tmux_session_id, status)"
                        + " VALUES ((SELECT pk FROM sessions WHERE id = 'raw-insert'), 0, '/tmp/w', 'raw', 'raw-agent',"
                        + " 'raw-0', 'idle')",
                "INSERT INTO chat_messages (session_pk, id, seq, role, content, timestamp)"
                        + " VALUES ((SELECT pk FROM sessions WHERE id = 'raw-insert'), 'raw-1', 0, 'user',"
                        + " 'a wombat in the message', " + Timestamps.toMillis(Instant.parse("2025-05-10T09:01:00.000Z")) + ")");

        JsonNode report = cli.json("check", "--db", db.toString(), "--json");

        assertTrue(report.get("ok").asBoolean(), cli::describe);
        JsonNode index = report.get("index");
        assertEquals(9, index.get("sessionRows").asLong());
        assertEquals(9, index.get("sessionDocuments").asLong());
        assertEquals(11, index.get("instanceDocuments").asLong());
        assertEquals(9, index.get("messageDocuments").asLong());
        JsonNode hits = cli.json("search", "wombat", "--db", db.toString(), "--json").get("hits");
        assertEquals(1, hits.size(), cli::describe);
        assertEquals("raw-insert", hits.get(0).get("session").get("id").asText());
    }

    @Test
    void checkReportsARowPointingAtAMissingSessionAndFails() throws SQLException {
        sql("INSERT INTO instances (session_pk, instance_id, worktree_path, branch, agent_name, tmux_session_id, status)"
                + " VALUES (99999, 0, '/tmp/w', 'orphan', 'orphan-agent', 'orphan-0', 'idle')");

        assertEquals(1, cli.run("check", "--db", db.toString()));
        assertTrue(cli.out().startsWith("PROBLEMS:"), cli::describe);
        assertTrue(cli.out().contains("instances"), cli::describe);

        assertEquals(1, cli.run("check", "--db", db.toString(), "--json"));
        JsonNode report = cli.parsedOut();
        assertFalse(report.get("ok").asBoolean(), cli::describe);
        assertTrue(report.get("problems").size() >= 1, cli::describe);
    }

    @Test
    void checkOfAFileThatIsNotADatabaseFailsWithOneLine() throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "these are my notes, not a database\n".repeat(200));

        assertEquals(1, cli.run("check", "--db", notes.toString()));
        cli.assertOneLineError();
        assertEquals("", cli.out());
        assertTrue(Files.readString(notes).startsWith("these are my notes"), "the file is left as it was");
    }

    @Test
    void backupWritesACopyThatOpensWithTheSameSessions() {
        Path backup = dir.resolve("backup.db");

        String out = cli.ok("backup", backup.toString(), "--db", db.toString());

        assertTrue(out.contains("backed up to"), out);
        assertTrue(Files.isRegularFile(backup));
        assertEquals(sessionsIn(db), sessionsIn(backup));
        assertEquals(8, sessionsIn(backup).size());
    }

    @Test
    void backupNeverOverwritesAnExistingFile() throws IOException {
        Path existing = dir.resolve("existing.db");
        byte[] content = "precious\n".getBytes();
        Files.write(existing, content);

        int status = cli.run("backup", existing.toString(), "--db", db.toString());

        assertNotEquals(0, status, cli::describe);
        assertArrayEquals(content, Files.readAllBytes(existing), "the existing file was overwritten");
        cli.assertOneLineError();
        assertTrue(cli.err().contains("already exists"), cli::describe);
    }

    /** An existing target is a failure of a command that ran (1), not a usage error (2). */
    @Test
    void backupOntoAnExistingFileExitsWithStatusOne() throws IOException {
        Path existing = dir.resolve("existing.db");
        Files.writeString(existing, "precious\n");

        assertEquals(1, cli.run("backup", existing.toString(), "--db", db.toString()), cli::describe);
        cli.assertOneLineError();
    }

    @Test
    void optimizeSucceeds() {
        assertEquals("optimized", cli.ok("optimize", "--db", db.toString()).strip());
    }

    @Test
    void reindexReportsDocumentsWithPlainProgressLinesWhenNotOnATerminal() {
        String out = cli.ok("reindex", "--db", db.toString());

        assertFalse(out.contains("\r"), "no redrawn progress bar when stdout is not a terminal: " + out);
        List<String> lines = out.lines().toList();
        List<String> progress = lines.stream().filter(l -> !l.startsWith("reindexed ")).toList();
        assertFalse(progress.isEmpty(), out);
        for (String line : progress) {
            assertTrue(line.matches("progress: \\d{1,3}% \\([\\d,]+/[\\d,]+ documents\\)"), line);
        }
        assertEquals("progress: 100% (" + DOCUMENTS + "/" + DOCUMENTS + " documents)", progress.get(progress.size() - 1));
        Matcher done = Pattern.compile("(?m)^reindexed (\\d+) documents in [\\d.]+ s").matcher(out);
        assertTrue(done.find(), out);
        assertEquals(DOCUMENTS, Integer.parseInt(done.group(1)));
        assertTrue(lines.get(lines.size() - 1).startsWith("reindexed "), "the summary comes last: " + out);

        assertTrue(cli.json("check", "--db", db.toString(), "--json").get("ok").asBoolean(), cli::describe);
    }

    /** Every session of every workspace, as "hash/id: task". */
    private static Set<String> sessionsIn(Path file) {
        Set<String> all = new TreeSet<>();
        try (SessionStore store = SessionStore.open(file)) {
            for (Workspace w : store.sessions().listWorkspaces()) {
                for (Session s : store.sessions().listAll(w.getHash())) {
                    all.add(w.getHash() + "/" + s.getId() + ": " + s.getTask() + " " + s.getInstances().size()
                            + " instances " + s.getMessages().size() + " messages");
                }
            }
        }
        return all;
    }
}
