package dev.ait42.session.cli;

import dev.ait42.session.PostgresqlTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench} at the test-only tiny scale: the report holds the machine, the command and one
 * table row per operation, each with figures for ours and its baseline. No timing assertions:
 * machines differ; the figures live in docs/BENCHMARKS.md. The same on a PostgreSQL database
 * when the run has a server ({@code -Dait42.test.database=jdbc:postgresql://...}).
 */
class BenchCommandTest {

    /** Every operation of the issue, as the row names begin. */
    private static final List<String> OPERATIONS = List.of(
            "get one session with its graph",
            "list 100 sessions with their graph",
            "list 100 sessions, summaries only",
            "Criteria search by type and status",
            "keyset page of 50 at 90% depth",
            "statistics over the workspace",
            "statistics by runtime (one statement)",
            "statistics by runtime vs its own SQL in raw JDBC",
            "full-text top-20 messages (Lucene) vs LIKE",
            "full-text top-20 messages (Lucene) vs FTS5, English words",
            "store full-text search: top-20 sessions with snippets vs FTS5",
            "reindex",
            "database size per 1,000 sessions",
            "database bytes per byte of stored text",
            "search index size per 1,000 sessions (baseline: FTS5 table)",
            "insert a session with 5 instances and 50 messages",
            "update a session",
            "append a message",
            "sustained writes, 4 threads",
            "sustained reads, 4 threads",
            "start-up: `list --limit 20` in a fresh JVM",
            "import of 50 legacy sessions");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void tinyScalePrintsAndWritesTheTableWithEveryOperation() throws IOException {
        Path report = dir.resolve("report.md");
        assertEquals(0, cli.run("bench", "--scale", "tiny", "--dir", dir.resolve("work").toString(),
                "--out", report.toString()), cli::describe);
        String out = cli.out();
        assertEquals(out, Files.readString(report, StandardCharsets.UTF_8), "the file holds what was printed");
        assertTrue(out.contains("java -jar target/ait42-session.jar bench --scale tiny"), "the exact command: " + out);
        assertTrue(out.startsWith("# Benchmarks\n"), out);
        assertEveryOperationHasFigures(out, OPERATIONS);
    }

    /** The same rows on PostgreSQL, the ranked full-text baseline being a tsvector table with a GIN index. */
    @Test
    void tinyScaleOnPostgresqlPrintsTheSameTableWithItsOwnFullTextBaseline() throws SQLException {
        try (PostgresqlTestDatabase pg = PostgresqlTestDatabase.create()) {
            assertEquals(0, cli.run("bench", "--scale", "tiny", "--dir", dir.resolve("work").toString(),
                    "--db", pg.url()), cli::describe);
            String out = cli.out();
            assertTrue(out.startsWith("# Benchmarks on PostgreSQL\n"), out);
            assertTrue(out.contains("- Database: PostgreSQL "), "the server's version: " + out);
            assertFalse(out.contains(passwordOf(pg.url())), "the printed command hides the password: " + out);
            List<String> operations = new ArrayList<>();
            for (String operation : OPERATIONS) {
                operations.add(operation.replace("FTS5", "tsvector + GIN"));
            }
            assertEveryOperationHasFigures(out, operations);
            assertFalse(Files.exists(dir.resolve("work").resolve("bench.db")), "no SQLite file on the way");
        }
    }

    @Test
    void aPostgresqlDatabaseHoldingOtherTablesIsRefusedAndLeftAsItWas() throws SQLException {
        try (PostgresqlTestDatabase pg = PostgresqlTestDatabase.create()) {
            try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement()) {
                st.execute("create table orders (id int primary key)");
                st.execute("insert into orders values (1)");
            }
            assertEquals(1, cli.run("bench", "--scale", "tiny", "--dir", dir.resolve("work").toString(),
                    "--db", pg.url()), cli::describe);
            assertTrue(cli.err().contains("holds tables (orders)"), cli::describe);
            try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from pg_tables where schemaname = current_schema()"
                         + " union all select count(*) from orders")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "no table added");
                rs.next();
                assertEquals(1, rs.getInt(1), "the row is still there");
            }
        }
    }

    @Test
    void aDatabaseOptionThatIsNoPostgresqlUrlIsAUsageError() {
        assertEquals(2, cli.run("bench", "--scale", "tiny", "--db", dir.resolve("my.db").toString()), cli::describe);
        cli.assertUsageError();
        assertTrue(cli.err().contains("--db takes a PostgreSQL URL"), cli::describe);
        assertFalse(Files.exists(dir.resolve("my.db")), "nothing created");
    }

    private static String passwordOf(String url) {
        return url.replaceFirst(".*password=([^&]*).*", "$1");
    }

    private static void assertEveryOperationHasFigures(String out, List<String> operations) {
        assertTrue(out.contains("| operation | ours p50 / p95 | baseline p50 / p95 | ratio | original target | met? |"), out);
        assertTrue(out.contains(Runtime.getRuntime().availableProcessors() + " cores"), "the machine: " + out);
        List<String> rows = out.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| operation")).toList();
        assertEquals(operations.size(), rows.size(), out);
        for (int i = 0; i < operations.size(); i++) {
            String row = rows.get(i);
            assertTrue(row.startsWith("| " + operations.get(i)), "row " + i + " is " + operations.get(i) + ": " + row);
            String[] cells = row.split(" \\| ");
            assertEquals(6, cells.length, row);
            assertTrue(cells[1].matches("[0-9.,]+ (/ [0-9.,]+ ms|ms \\(p50\\)|MB|bytes/byte|writes/s|reads/s|docs/s)"), "ours is a figure: " + row);
        }
    }

    @Test
    void anUnknownScaleIsAUsageError() {
        assertEquals(2, cli.run("bench", "--scale", "huge"), cli::describe);
        cli.assertUsageError();
    }

    @Test
    void onlyRunsTheStepsNamedInAnyCase() {
        assertEquals(0, cli.run("bench", "--scale", "tiny", "--dir", dir.resolve("work").toString(),
                "--only", "Sizes,reindex"), cli::describe);
        assertEveryOperationHasFigures(cli.out(), OPERATIONS.subList(11, 15));
    }

    @Test
    void anUnknownStepIsAUsageError() {
        assertEquals(2, cli.run("bench", "--scale", "tiny", "--only", "reads,everything"), cli::describe);
        cli.assertUsageError();
    }
}
