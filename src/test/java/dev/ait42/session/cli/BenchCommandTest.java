package dev.ait42.session.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench} at the test-only tiny scale: the report holds the machine, the command and one
 * table row per operation, each with figures for ours and its baseline. No timing assertions:
 * machines differ; the figures live in docs/BENCHMARKS.md.
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
            "full-text top-20 messages (Lucene) vs FTS5",
            "store full-text search",
            "reindex",
            "database size per 1,000 sessions",
            "database bytes per byte of stored text",
            "search index size per 1,000 sessions",
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
        assertTrue(out.contains("| operation | ours p50 / p95 | baseline p50 / p95 | ratio | original target | met? |"), out);
        assertTrue(out.contains("java -jar target/ait42-session.jar bench --scale tiny"), "the exact command: " + out);
        assertTrue(out.contains(Runtime.getRuntime().availableProcessors() + " cores"), "the machine: " + out);
        List<String> rows = out.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| operation")).toList();
        assertEquals(OPERATIONS.size(), rows.size(), out);
        for (int i = 0; i < OPERATIONS.size(); i++) {
            String row = rows.get(i);
            assertTrue(row.startsWith("| " + OPERATIONS.get(i)), "row " + i + " is " + OPERATIONS.get(i) + ": " + row);
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
}
