package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.PostgresqlTestDatabase;
import dev.ait42.session.SessionStore;
import dev.ait42.session.legacy.LegacyHomeGenerator;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code copy-to}: a SQLite history into another file, and into PostgreSQL when a server is given
 * ({@code -Dait42.test.database}): everything copied and verified, nothing twice, a limited
 * (interrupted) run finished by the next, a differing session never overwritten.
 */
class CopyToCommandTest {

    @TempDir
    Path dir;
    private String source;
    private final Cli cli = new Cli();

    @BeforeEach
    void importGeneratedHome() {
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, 12, 2, 11);
        source = dir.resolve("source.db").toString();
        cli.ok("import", home.toString(), "--db", source);
    }

    private JsonNode copy(String[] target, String... more) {
        String[] args = Stream.of(new String[] {"copy-to"}, target, new String[] {"--db", source, "--json"}, more)
                .flatMap(Stream::of).toArray(String[]::new);
        return cli.json(args);
    }

    private String[] fileTarget() {
        return new String[] {dir.resolve("target.db").toString()};
    }

    @Test
    void copyIntoAFileIsVerifiedAndGivesTheSameListing() {
        JsonNode report = copy(fileTarget());

        assertEquals(12, report.get("copied").asInt(), cli::describe);
        assertEquals(12, report.get("verification").get("verified").asInt(), cli::describe);
        assertTrue(report.get("ok").asBoolean(), cli::describe);
        String fromSource = cli.ok("list", "--json", "--db", source);
        assertEquals(fromSource, cli.ok("list", "--json", "--db", fileTarget()[0]));
    }

    @Test
    void secondRunCopiesNothingTwice() {
        copy(fileTarget());

        JsonNode again = copy(fileTarget());

        assertEquals(0, again.get("copied").asInt(), cli::describe);
        assertEquals(12, again.get("alreadyThere").asInt(), cli::describe);
        assertTrue(again.get("ok").asBoolean(), cli::describe);
        assertEquals(12, cli.json("stats", "--json", "--db", fileTarget()[0]).get("total").asInt());
    }

    @Test
    void runStoppedHalfWayIsFinishedByTheNext() {
        JsonNode first = copy(fileTarget(), "--limit", "5");
        assertEquals(5, first.get("copied").asInt(), cli::describe);
        assertTrue(first.get("limited").asBoolean(), cli::describe);
        assertTrue(first.get("verification").isNull(), cli::describe);
        assertEquals(5, cli.json("stats", "--json", "--db", fileTarget()[0]).get("total").asInt());

        JsonNode second = copy(fileTarget());

        assertEquals(7, second.get("copied").asInt(), cli::describe);
        assertEquals(5, second.get("alreadyThere").asInt(), cli::describe);
        assertEquals(12, second.get("verification").get("verified").asInt(), cli::describe);
        assertTrue(second.get("ok").asBoolean(), cli::describe);
    }

    @Test
    void copyKilledHalfWayIsFinishedAndVerifiedByTheNextRun() throws Exception {
        Path home = dir.resolve("bigger-home");
        LegacyHomeGenerator.write(home, 80, 2, 13);
        String bigger = dir.resolve("bigger.db").toString();
        cli.ok("import", home.toString(), "--db", bigger);
        Path target = dir.resolve("killed.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dait42.skipArchive=true", "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), Main.class.getName(), "copy-to", target.toString(), "--db", bigger)
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long copiedBeforeKill = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && copiedBeforeKill < 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            copiedBeforeKill = sessionsIn(target);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
        child.waitFor();
        assertTrue(copiedBeforeKill >= 5 && copiedBeforeKill < 80, "killed after " + copiedBeforeKill + " sessions: "
                + Files.readString(dir.resolve("child.log")));

        JsonNode resumed = cli.json("copy-to", target.toString(), "--db", bigger, "--json");

        long already = resumed.get("alreadyThere").asLong();
        assertTrue(already >= copiedBeforeKill, cli::describe);
        assertEquals(80, already + resumed.get("copied").asLong(), cli::describe);
        assertEquals(80, resumed.get("verification").get("verified").asInt(), cli::describe);
        assertTrue(resumed.get("ok").asBoolean(), cli::describe);
    }

    /** Sessions committed in a SQLite file, read with plain JDBC while another process writes it; 0 before it exists. */
    private static long sessionsIn(Path file) throws java.sql.SQLException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM sessions")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (java.sql.SQLException notYet) {
            return 0; // no tables yet, or busy for a moment
        }
    }

    @Test
    void sessionThatDiffersInTheTargetIsLeftAloneAndFailsTheCopy() {
        copy(fileTarget());
        String ws = LegacyHomeGenerator.workspaceHash(0);
        Session changed;
        try (SessionStore target = SessionStore.open(Path.of(fileTarget()[0]))) {
            Session first = target.sessions().listAll(ws).get(0);
            first.setModel("another-model");
            changed = target.sessions().update(ws, first);
        }

        assertEquals(1, cli.run("copy-to", fileTarget()[0], "--db", source), cli::describe);

        assertTrue(cli.out().contains("1 in conflict") && cli.out().contains("conflict: " + ws + "/" + changed.getId()),
                cli::describe);
        assertTrue(cli.out().contains("differs: " + ws + "/" + changed.getId()), cli::describe);
        try (SessionStore target = SessionStore.open(Path.of(fileTarget()[0]))) {
            assertEquals("another-model", target.sessions().get(ws, changed.getId()).getModel());
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnythingIsWritten() {
        assertEquals(2, cli.run("copy-to", source, "--db", source), cli::describe);
        assertTrue(cli.err().contains("is the source database itself"), cli::describe);
        assertEquals(2, cli.run("copy-to", "jdbc:postgresql://127.0.0.1:1/x", "--db", source), cli::describe);
        assertTrue(cli.err().contains("--index-dir: is required with a database URL"), cli::describe);
        assertEquals(2, cli.run("copy-to", fileTarget()[0], "--db", source, "--limit", "-1"), cli::describe);
        assertEquals(1, cli.run("copy-to", fileTarget()[0], "--db", dir.resolve("missing.db").toString()), cli::describe);
        assertTrue(cli.err().contains("no database at"), cli::describe);
        assertFalse(Files.exists(Path.of(fileTarget()[0])), cli::describe);
    }

    @Test
    void copyIntoPostgresqlIsVerifiedResumableAndGivesTheSameOutput() {
        try (PostgresqlTestDatabase pg = PostgresqlTestDatabase.create()) {
            String[] target = {pg.url(), "--to-index-dir", dir.resolve("pg.index").toString()};
            String[] onPg = {"--db", pg.url(), "--index-dir", dir.resolve("pg.index").toString()};

            assertEquals(4, copy(target, "--limit", "4").get("copied").asInt(), cli::describe);
            JsonNode rest = copy(target);
            assertEquals(8, rest.get("copied").asInt(), cli::describe);
            assertTrue(rest.get("ok").asBoolean(), cli::describe);
            JsonNode again = copy(target);
            assertEquals(0, again.get("copied").asInt(), cli::describe);
            assertEquals(12, again.get("verification").get("verified").asInt(), cli::describe);

            for (String[] command : new String[][] {{"list", "--json"}, {"stats", "--json"}, {"search", "token", "--json"}}) {
                String fromSqlite = cli.ok(Stream.concat(Stream.of(command), Stream.of("--db", source)).toArray(String[]::new));
                assertEquals(fromSqlite, cli.ok(Stream.concat(Stream.of(command), Stream.of(onPg)).toArray(String[]::new)),
                        String.join(" ", command));
            }
        }
    }
}
