package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.search.ReindexReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark suite on one generated workspace (seeded, English and Japanese): every
 * operation of the store timed against raw JDBC on the same file, throughput, reindex, start-up
 * and sizes on disk, as one Markdown report. Progress goes to {@code progress}.
 *
 * <pre>java -jar target/ait42-session.jar bench --scale small|medium|full</pre>
 */
public final class WorkspaceBenchmark {

    /** How to run; {@code command} is printed in the report so anyone can rerun it. */
    public record Options(Scale scale, Path dir, long seed, String command) {
    }

    private final Options options;
    private final PrintWriter progress;
    private final Scale scale;
    private final List<String> setup = new ArrayList<>();

    public WorkspaceBenchmark(Options options, PrintWriter progress) {
        this.options = options;
        this.scale = options.scale();
        this.progress = progress;
    }

    /** Runs everything and returns the report (Markdown). */
    public String run() throws Exception {
        Path db = BenchFiles.emptyFolder(options.dir()).resolve("bench.db");
        StoreConfig config = StoreConfig.of(db);
        String workspace;
        try (SessionStore store = SessionStore.open(config)) {
            workspace = store.sessions().registerWorkspace(options.dir().toAbsolutePath().resolve("project")).getHash();
        }
        Sizes sizes = generate(db, workspace);
        List<Row> rows = new ArrayList<>();
        Harness harness = new Harness(scale.warmup, scale.runs, scale.warmupMillis);
        long t = System.nanoTime();
        try (SessionStore store = SessionStore.open(config);
             JdbcBaseline jdbc = new JdbcBaseline(config, workspace)) {
            note("first open, building the search index from the database", t);
            // Measured now: the index was just built into an empty folder; later, readers still hold
            // the files of segments replaced by the reindex, and the writes add documents.
            double indexMb = BenchFiles.size(config.indexDirectory()) / 1e6 * 1000 / scale.sessions;
            step("reads");
            rows.addAll(new ReadBenchmarks(store, jdbc, workspace, scale.sessions, harness).run());
            step("reindex");
            rows.add(reindex(store, db));
            rows.addAll(sizes.rows(indexMb));
            step("writes");
            rows.addAll(new WriteBenchmarks(store.sessions(), jdbc, workspace, scale.sessions, harness).run());
            step("throughput");
            rows.addAll(new Throughput(store.sessions(), config, workspace, scale.sessions, scale.throughputSeconds).run());
        }
        step("start-up");
        rows.add(startup(db));
        step("import of " + scale.importSessions + " legacy sessions");
        rows.add(legacyImport());
        return new Report(options, scale, harness, setup).markdown(rows);
    }

    /** Bytes on disk per 1,000 sessions, measured as the data is generated. */
    private record Sizes(double databaseMb, double ftsMb, double bytesPerTextByte) {
        List<Row> rows(double indexMb) {
            return List.of(Row.size("database size per 1,000 sessions", databaseMb, null, 10.0),
                    Row.perTextByte("database bytes per byte of stored text (UTF-8 of tasks, outputs, messages)",
                            bytesPerTextByte, 1.3),
                    Row.size("search index size per 1,000 sessions (baseline: FTS5 table)", indexMb, ftsMb, null));
        }
    }

    private Sizes generate(Path db, String workspace) throws SQLException {
        step("generating " + scale.sessions + " sessions");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            long t = System.nanoTime();
            new SyntheticHistory(options.seed(), Scale.SHAPE).write(raw, workspace, scale.sessions);
            note("raw JDBC insert of the history", t);
            long database = checkpointedSize(raw, db);
            long text = textBytes(raw);
            t = System.nanoTime();
            SearchBenchmark.createFtsTable(raw);
            note("FTS5 baseline table build", t);
            long withFts = checkpointedSize(raw, db);
            double perThousand = 1000.0 / scale.sessions / 1e6;
            return new Sizes(database * perThousand, (withFts - database) * perThousand, (double) database / text);
        }
    }

    /** The UTF-8 bytes of every text the history stores: tasks, instance outputs, message contents. */
    private static long textBytes(Connection raw) throws SQLException {
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(
                "select (select coalesce(sum(length(cast(task as blob))), 0) from sessions)"
                        + " + (select coalesce(sum(length(cast(output as blob))), 0) from instances)"
                        + " + (select coalesce(sum(length(cast(content as blob))), 0) from chat_messages)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long checkpointedSize(Connection raw, Path db) throws SQLException {
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
            rs.next();
        }
        return BenchFiles.size(db) + BenchFiles.size(db.resolveSibling(db.getFileName() + "-wal"));
    }

    /** Our rebuild (MassIndexer) against the ceiling: the same texts straight into Lucene. */
    private Row reindex(SessionStore store, Path db) throws Exception {
        ReindexReport ours = store.fullText().reindex();
        double ceiling;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            ceiling = LuceneCeiling.measure(raw, options.dir().resolve("lucene-ceiling"));
        }
        setup.add(String.format(Locale.ROOT, "reindex: %,d documents in %.1f s", ours.documents(),
                ours.elapsed().toNanos() / 1e9));
        return Row.throughput("reindex (baseline: same texts straight into Lucene)", ours.documentsPerSecond(),
                ceiling, "docs/s", null, null);
    }

    /** {@code list --limit 20} in fresh JVMs on this database (closed by now), against plain JDBC. */
    private Row startup(Path db) throws Exception {
        StartupBenchmark.Result r = new StartupBenchmark(new StartupBenchmark.Options(options.dir().resolve("startup"),
                db, scale.sessions, scale.startupRuns, options.seed()), progress).run();
        List<String> parts = new ArrayList<>();
        r.breakdown().forEach((part, millis) -> parts.add(String.format(Locale.ROOT, "%s %,.0f ms", part, millis)));
        setup.add("start-up breakdown (p50): " + String.join(", ", parts));
        return Row.medians("start-up: `list --limit 20` in a fresh JVM, wall", r.commandWall(), r.baselineWall(), null);
    }

    /** The legacy import (generated home) against a raw JDBC insert of the same parsed rows. */
    private Row legacyImport() throws Exception {
        ImportBenchmark.Result r = new ImportBenchmark(new ImportBenchmark.Options(options.dir().resolve("import"),
                scale.importSessions, scale.importRuns, options.seed(), null), progress).run();
        setup.add(String.format(Locale.ROOT, "import: indexing %,.0f ms of %,.0f ms", r.indexingMillis(), r.importMillis()));
        return Row.medians(String.format(Locale.ROOT, "import of %,d legacy sessions (5 instances, 50 messages each)",
                scale.importSessions), r.importMillis(), r.rawJdbcMillis(), 300_000.0);
    }

    private void step(String what) {
        progress.println("bench: " + what + " ...");
        progress.flush();
    }

    private void note(String what, long startNanos) {
        setup.add(String.format(Locale.ROOT, "%s: %.1f s", what, (System.nanoTime() - startNanos) / 1e9));
    }
}
