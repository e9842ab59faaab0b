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
    void demoSavesTheExampleOnceAndShowsListingSearchAndStatistics() {
        String db = dir.resolve("demo.db").toString();

        assertEquals(0, run("demo", "--db", db));
        String first = out.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("3 example sessions saved"), first);
        assertTrue(first.contains("debate-77aa"), first);
        assertTrue(first.contains("リフレッシュトークン"), first);
        assertTrue(first.contains("Statistics: 3 sessions"), first);
        assertTrue(first.contains("Integrity check: ok"), first);

        assertEquals(0, run("demo", "--db", db));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 example sessions saved, 3 already there"));
    }

    @Test
    void demoShowsFullTextHitsWithHighlightedSnippetsInEnglishAndJapanese() {
        assertEquals(0, run("demo", "--db", dir.resolve("demo.db").toString()));
        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("Persist the chosen **theme** in localStorage."), output);
        assertTrue(output.contains("古い**トークン**は一度だけ使えるようにしてください。"), output);
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

    @Test
    void benchmarkOptionsAreCheckedAsUsageErrors() {
        assertEquals(2, run("bench-search", "--messages", "0"));
        assertEquals(2, run("bench-search", "--runs"));
        assertEquals(2, run("bench-search", "--colour", "blue"));
        assertEquals(2, run("bench-search", "--runs", "many"));
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
