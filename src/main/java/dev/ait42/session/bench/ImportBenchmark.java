package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.legacy.ImportProblem;
import dev.ait42.session.legacy.ImportProgress;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.LegacyHomeGenerator;
import dev.ait42.session.model.Session;
import dev.ait42.session.schema.SchemaMigrator;
import dev.ait42.session.search.IndexCounts;
import dev.ait42.session.store.StorePools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy import on a generated home (sessions of 5 instances and 50 messages, English and
 * Japanese), against a raw JDBC insert of the same rows in the same run: after an untimed round
 * to warm the code up, each run imports into a
 * new database with the search index ready at the end, and inserts the already parsed sessions
 * with plain JDBC batches into another. Then one import in a JVM of its own with a capped heap,
 * for the peak heap and the time including start-up.
 *
 * <pre>java -jar target/ait42-session.jar bench-import [--sessions 1000] [--runs 3] [--heap 256m]</pre>
 */
public final class ImportBenchmark {

    private static final String HASH = LegacyHomeGenerator.workspaceHash(0);
    private static final Pattern CHILD_SUMMARY = Pattern.compile(
            "created=(\\d+) problems=(\\d+) elapsedMs=(\\d+) withOpenAndCloseMs=(\\d+) maxHeapMB=(\\d+) peakHeapMB=(\\d+)");

    /** Run settings; {@code heap} is the child JVM's {@code -Xmx} (null: no capped run). */
    public record Options(Path dir, int sessions, int runs, long seed, String heap) {
        public static Options defaults() {
            return new Options(Path.of("target", "bench-import"), 1000, 3, 42, "256m");
        }
    }

    /**
     * Medians over the runs, in milliseconds; the capped run's figures are -1 when it was not run.
     *
     * @param importMillis     the import, indexing included, as {@link ImportReport#elapsed()}
     * @param indexingMillis   its indexing part
     * @param rawJdbcMillis    the raw JDBC insert of the same rows
     */
    public record Result(int sessions, long rows, long jsonBytes, double importMillis, double indexingMillis,
                         double rawJdbcMillis, long cappedImportMillis, long cappedWallMillis, long cappedPeakHeapMB) {

        /** The import's rate as a share of the raw JDBC rate (1 = as fast). */
        public double rateRatio() {
            return rawJdbcMillis / importMillis;
        }

        /** The same without the indexing part: reading, checking and writing alone. */
        public double rateRatioWithoutIndexing() {
            return rawJdbcMillis / (importMillis - indexingMillis);
        }
    }

    private final Options options;
    private final PrintWriter out;

    public ImportBenchmark(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws SQLException, IOException, InterruptedException {
        return run(new BenchDatabase.Sqlite(options.dir().resolve("unused.db")));
    }

    /** The same, each run into new databases of the kind of {@code kind} (PostgreSQL: new databases on its server). */
    Result run(BenchDatabase kind) throws SQLException, IOException, InterruptedException {
        Path dir = BenchFiles.emptyFolder(options.dir()).toAbsolutePath();
        Path home = dir.resolve("home");
        Path file = LegacyHomeGenerator.write(home, options.sessions(), 1, options.seed()).get(0);
        long rows = options.sessions() * (1L + LegacyHomeGenerator.INSTANCES + LegacyHomeGenerator.MESSAGES);
        out.printf(Locale.ROOT, "# Legacy import benchmark%n%n%s, %d cores, Java %s%n", System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "Home: %,d sessions (%,d rows: sessions, 5 instances and 50 messages each),"
                + " %.1f MB of JSON, seed %d%n", options.sessions(), rows, BenchFiles.size(file) / 1e6, options.seed());

        List<Session> parsed = readAll(file);
        // One untimed round first: the timed ones should not measure cold code.
        importInto(home, kind.fresh(dir, "warm-up").config());
        rawInsert(parsed, kind.fresh(dir, "warm-up-raw"));
        Latencies imports = new Latencies();
        Latencies indexing = new Latencies();
        Latencies raw = new Latencies();
        for (int run = 1; run <= options.runs(); run++) {
            ImportReport report = importInto(home, kind.fresh(dir, "import-" + run).config());
            imports.add(report.elapsed().toNanos());
            indexing.add(report.indexing().toNanos());
            long rawNanos = rawInsert(parsed, kind.fresh(dir, "raw-" + run));
            raw.add(rawNanos);
            out.printf(Locale.ROOT, "run %d: import %,d ms (indexing %,d ms), raw JDBC %,d ms%n", run,
                    report.elapsed().toMillis(), report.indexing().toMillis(), rawNanos / 1_000_000);
            out.flush();
        }
        CappedRun capped = options.heap() == null ? new CappedRun(0, 0, -1, -1, -1)
                : cappedRun(options.heap(), false, home, dir.resolve("capped.db"));
        Result result = new Result(options.sessions(), rows, BenchFiles.size(file), imports.p50(), indexing.p50(),
                raw.p50(), capped.importMillis(), capped.wallMillis(), capped.peakHeapMB());
        print(result);
        return result;
    }

    private static List<Session> readAll(Path file) {
        List<Session> sessions = new ArrayList<>();
        List<ImportProblem> problems = LegacyHistory.readSessions(file, sessions::add);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the generated home does not read cleanly: " + problems.get(0).describe());
        }
        return sessions;
    }

    /** Imports into a new database and checks that the index holds every row before returning. */
    static ImportReport importInto(Path home, StoreConfig database) {
        try (SessionStore store = SessionStore.open(database)) {
            ImportReport report = new LegacyHistory(store).importHome(home, false, ImportProgress.NONE);
            if (!report.ok()) {
                throw new IllegalStateException("the import failed: " + report.problems().get(0).describe());
            }
            IndexCounts counts = store.fullText().counts();
            if (!counts.consistent()) {
                throw new IllegalStateException("the index does not match the database after the import: " + counts);
            }
            return report;
        }
    }

    /** The same rows with plain JDBC on a new database of the same schema and connection settings. */
    private static long rawInsert(List<Session> sessions, BenchDatabase database) throws SQLException {
        try (StorePools pools = database.pools()) {
            SchemaMigrator.migrate(pools.writer());
            try (Connection c = pools.writer().getConnection()) {
                return RawJdbcHistoryInsert.insert(c, HASH, sessions);
            }
        }
    }

    /**
     * An import (or dry run) of {@code home} in a JVM of its own started with {@code -Xmx<heap>}.
     *
     * @param importMillis the import as the report gives it; {@code wallMillis} adds JVM start, open and close
     * @param peakHeapMB   the heap's peak use (see HeapPeak)
     */
    public record CappedRun(int created, int problems, long importMillis, long wallMillis, long peakHeapMB) {
    }

    public static CappedRun cappedRun(String heap, boolean dryRun, Path home, Path database)
            throws IOException, InterruptedException {
        ChildJvm.Run run = ChildJvm.run(List.of("-Xmx" + heap), ImportInSmallHeap.class.getName(),
                List.of(dryRun ? "dry-run" : "import", home.toString(), database.toString()));
        Matcher m = CHILD_SUMMARY.matcher(run.succeeded("the import with -Xmx" + heap).lastLine());
        if (!m.matches()) {
            throw new IllegalStateException("the import with -Xmx" + heap + " failed, " + run.describe());
        }
        return new CappedRun(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                run.wallNanos() / 1_000_000, Long.parseLong(m.group(6)));
    }

    private void print(Result r) {
        out.printf(Locale.ROOT, "%n| measure (median of %d runs) | value |%n|---|---|%n", options.runs());
        out.printf(Locale.ROOT, "| import, full-text search ready | %,.0f ms = %,.0f rows/s |%n", r.importMillis(),
                r.rows() / (r.importMillis() / 1e3));
        out.printf(Locale.ROOT, "| of which indexing | %,.0f ms |%n", r.indexingMillis());
        out.printf(Locale.ROOT, "| raw JDBC insert of the same rows (parsed beforehand) | %,.0f ms = %,.0f rows/s |%n",
                r.rawJdbcMillis(), r.rows() / (r.rawJdbcMillis() / 1e3));
        out.printf(Locale.ROOT, "| import rate / raw JDBC rate (target >= 0.5) | %.2f (%s) |%n", r.rateRatio(),
                r.rateRatio() >= 0.5 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "| the same without the indexing part | %.2f |%n", r.rateRatioWithoutIndexing());
        if (r.cappedPeakHeapMB() >= 0) {
            out.printf(Locale.ROOT, "| import in a fresh JVM with -Xmx%s: import / wall incl. JVM start | %,d ms / %,d ms (target < 10 s: %s) |%n",
                    options.heap(), r.cappedImportMillis(), r.cappedWallMillis(), r.cappedWallMillis() < 10_000 ? "met" : "NOT met");
            out.printf(Locale.ROOT, "| peak heap of that import (heap use before the fullest collection) | %,d MB (target < 256 MB: %s) |%n",
                    r.cappedPeakHeapMB(), r.cappedPeakHeapMB() < 256 ? "met" : "NOT met");
        }
        out.flush();
    }
}
