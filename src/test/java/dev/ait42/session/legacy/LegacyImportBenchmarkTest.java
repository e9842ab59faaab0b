package dev.ait42.session.legacy;

import dev.ait42.session.TestReports;
import dev.ait42.session.bench.ImportBenchmark;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk path on generated homes, through the committed benchmark ({@code bench-import}):
 * 1,000 sessions import with the index ready and fit in a 256 MB heap; a file of about 80 MB is
 * read in a 48 MB heap (streaming: never a whole file in memory). No timing assertion: the
 * figures are printed, machines differ.
 */
class LegacyImportBenchmarkTest extends LegacyTestSupport {

    private static final int SESSIONS = 1000;

    @Test
    void thousandGeneratedSessionsImportSearchableInA256MegabyteHeap() throws Exception {
        StringWriter printed = new StringWriter();

        ImportBenchmark.Result result = new ImportBenchmark(
                new ImportBenchmark.Options(dir.resolve("bench"), SESSIONS, 1, 42, "256m"), new PrintWriter(printed)).run();

        TestReports.write("import-benchmark", printed.toString());
        assertEquals(SESSIONS * 56L, result.rows());
        assertTrue(result.importMillis() > result.indexingMillis() && result.indexingMillis() > 0, result.toString());
        assertTrue(result.cappedPeakHeapMB() > 0 && result.cappedPeakHeapMB() <= 256, result.toString());
        assertTrue(printed.toString().contains("| import rate / raw JDBC rate (target >= 0.5) |"), printed.toString());
    }

    @Test
    void fileMuchLargerThanTheHeapIsReadSessionBySession() throws Exception {
        Path home = dir.resolve("home");
        Path file = LegacyHomeGenerator.write(home, 3 * SESSIONS, 1, 42).get(0);
        assertTrue(Files.size(file) > 75_000_000, "about 80 MB of JSON");

        ImportBenchmark.CappedRun run = ImportBenchmark.cappedRun("48m", true, home, dir.resolve("dry-run.db"));

        assertEquals(3 * SESSIONS, run.created());
        assertEquals(0, run.problems());
        assertTrue(run.peakHeapMB() <= 48, run.toString());
    }
}
