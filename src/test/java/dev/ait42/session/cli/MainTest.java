package dev.ait42.session.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void demoImportsTheExampleHomeThenListsSearchesAndCountsIt() {
        String db = dir.resolve("demo.db").toString();

        assertEquals(0, run("demo", "--db", db));

        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("2 files: 6 sessions created, 0 updated, 0 unchanged, 0 failed"), output);
        assertTrue(output.contains("verification: 6 consistent, 0 inconsistent"), output);
        assertTrue(output.contains("$ target/ait42-session list --db " + db), output);
        assertTrue(output.contains("debate-77aa") && output.contains("公開APIはRESTとGraphQLのどちらにすべきか"), output);
        assertTrue(output.contains("Persist the chosen **theme** in localStorage."), output);
        assertTrue(output.contains("レート制限ミドルウェアを追加し、リフレッシュ**トークン**のエンドポイント"), output);
        assertTrue(output.contains("sessions:      6"), output);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoRunTwiceFindsEverySessionAlreadyImported() {
        String db = dir.resolve("demo.db").toString();
        assertEquals(0, run("demo", "--db", db));

        assertEquals(0, run("demo", "--db", db));

        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("2 files: 0 sessions created, 0 updated, 6 unchanged, 0 failed"), output);
        assertTrue(output.contains("sessions:      6"), output);
    }

    @Test
    void demoWithoutTheExampleHomeFailsWithOneLine() {
        assertEquals(1, run("demo", "--db", dir.resolve("demo.db").toString(), "--home", dir.resolve("nowhere").toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: no legacy history at "), message);
        assertEquals(1, message.strip().lines().count(), message);
        assertFalse(Files.exists(dir.resolve("demo.db")), "nothing created");
    }

    /** A smoke check that the benchmark command still runs end to end; its timings are not judged here. */
    @Test
    void searchBenchmarkRunsOnASmallWorkspaceAndPrintsEveryFigure() {
        assertEquals(0, run("bench-search", "--messages", "500", "--runs", "2", "--warmup", "1",
                "--dir", dir.resolve("bench").toString()));
        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("10 sessions, 50 instances, 500 messages"), output);
        assertTrue(output.contains("reindex: 560 documents"), output);
        assertTrue(output.contains("| deadlock |") && output.contains("| トークン |"), output);
        assertTrue(output.contains("LIKE scan p50 / Lucene p50"), output);
        assertTrue(output.contains("FTS5 p50 / Lucene p50"), output);
    }

    /** Smoke check of the start-up benchmark on the demo's database: every line of the breakdown is there. */
    @Test
    void startupBenchmarkBreaksTheStartOfAListCommandDown() {
        String db = dir.resolve("demo.db").toString();
        assertEquals(0, run("demo", "--db", db));

        assertEquals(0, run("bench-startup", "--runs", "1", "--db", db));

        String output = out.toString(StandardCharsets.UTF_8);
        for (String line : List.of("| wall: `target/ait42-session list --limit 20` (",
                "| wall: `java -jar target/ait42-session.jar list --limit 20` (no archive), broken down: |", "JVM start to main",
                "open: schema check and connection pools", "open: Hibernate boot (ORM; Search too for a command that searches)",
                "command line parsing, query, printing, close", "| baseline: a fresh JVM opening the file with plain JDBC",
                "| wall: `target/ait42-session show ", "| wall: `target/ait42-session stats` |",
                "| wall: `target/ait42-session search dependency --limit 20` |",
                "| target: `list`, `show`, `stats` under 600 ms, `search` under 900 ms | ")) {
            assertTrue(output.contains(line), line + " in\n" + output);
        }
        assertTrue(output.contains("| &nbsp;&nbsp;open: Liquibase (skipped when the schema is current) | 0 |"), output);
    }

    @Test
    void benchmarkOptionsAreCheckedAsUsageErrors() {
        assertEquals(2, run("bench-search", "--messages", "0"));
        assertEquals(2, run("bench-search", "--runs"));
        assertEquals(2, run("bench-search", "--colour", "blue"));
        assertEquals(2, run("bench-search", "--runs", "many"));
        assertEquals(2, run("bench-import", "--sessions", "0"));
        assertEquals(2, run("bench-import", "--heap", "lots"));
        assertEquals(2, run("bench-startup", "--runs", "0"));
        assertEquals(2, run("bench-startup", "--db", dir.resolve("missing.db").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommandOrArgumentsAreUsageErrorsWithExitStatusTwo() {
        assertEquals(2, run());
        assertEquals(2, run("bogus"));
        assertEquals(2, run("demo", "--db"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatIsNotADatabaseFailsWithExitStatusOneAndAOneLineError() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a database\n".repeat(100));

        assertEquals(1, run("demo", "--db", notes.toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: "), message);
        assertEquals(1, message.strip().lines().count(), message);
    }
}
