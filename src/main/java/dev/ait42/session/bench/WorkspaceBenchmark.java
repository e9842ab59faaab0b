package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.search.ReindexReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark suite on one generated workspace (seeded, English and Japanese): every
 * operation of the store timed against raw JDBC on the same database, throughput, reindex,
 * start-up and sizes, as one Markdown report. Progress goes to {@code progress}. On a SQLite file
 * in {@code dir} by default, or on the PostgreSQL database of {@code jdbcUrl} (what differs is in
 * {@link BenchDatabase}).
 *
 * <pre>java -jar target/ait42-session.jar bench --scale small|medium|full [--db jdbc:postgresql://...]</pre>
 */
public final class WorkspaceBenchmark {

    /**
     * How to run; {@code command} is printed in the report so anyone can rerun it; {@code jdbcUrl}
     * a PostgreSQL database (emptied first: one that holds tables of anything else is refused), or
     * null for a SQLite file in {@code dir}.
     */
    public record Options(Scale scale, Path dir, long seed, String command, String jdbcUrl, Set<Step> only) {
        public Options {
            only = only == null || only.isEmpty() ? EnumSet.allOf(Step.class) : EnumSet.copyOf(only);
        }

        public Options(Scale scale, Path dir, long seed, String command, String jdbcUrl) {
            this(scale, dir, seed, command, jdbcUrl, null);
        }

        public Options(Scale scale, Path dir, long seed, String command) {
            this(scale, dir, seed, command, null);
        }
    }

    /** The suite's steps, in the order they run; a run may take only some (the data is always generated). */
    public enum Step {
        READS, REINDEX, SIZES, WRITES, THROUGHPUT, STARTUP, IMPORT
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
        BenchDatabase db = BenchDatabase.in(BenchFiles.emptyFolder(options.dir()), options.jdbcUrl());
        db.clear();
        StoreConfig config = db.config();
        String workspace;
        try (SessionStore store = SessionStore.open(config)) {
            workspace = store.sessions().registerWorkspace(options.dir().toAbsolutePath().resolve("project")).getHash();
        }
        Sizes sizes = generate(db, workspace);
        // The history was written behind the store's back: the next open builds the index from it
        // (a PostgreSQL store would otherwise apply the triggers' recorded work in the background
        // while the reads are timed).
        BenchFiles.emptyFolder(config.indexDirectory());
        List<Row> rows = new ArrayList<>();
        Harness harness = new Harness(scale.warmup, scale.runs, scale.warmupMillis);
        long t = System.nanoTime();
        try (SessionStore store = SessionStore.open(config);
             JdbcBaseline jdbc = new JdbcBaseline(db, workspace)) {
            note("first open, building the search index from the database", t);
            // Measured now: the index was just built into an empty folder; later, readers still hold
            // the files of segments replaced by the reindex, and the writes add documents.
            double indexMb = BenchFiles.size(config.indexDirectory()) / 1e6 * 1000 / scale.sessions;
            if (runs(Step.READS, "reads")) {
                rows.addAll(new ReadBenchmarks(store, jdbc, db.fullText(), workspace, scale.sessions, harness).run());
            }
            if (runs(Step.REINDEX, "reindex")) {
                rows.add(reindex(store, db));
            }
            if (options.only().contains(Step.SIZES)) {
                rows.addAll(sizes.rows(indexMb, db.fullText().name()));
            }
            if (runs(Step.WRITES, "writes")) {
                rows.addAll(new WriteBenchmarks(store.sessions(), jdbc, workspace, scale.sessions, harness).run());
            }
            if (runs(Step.THROUGHPUT, "throughput")) {
                rows.addAll(new Throughput(store.sessions(), db, workspace, scale.sessions, scale.throughputSeconds).run());
            }
        }
        if (runs(Step.STARTUP, "start-up")) {
            rows.add(startup(db));
        }
        if (runs(Step.IMPORT, "import of " + scale.importSessions + " legacy sessions")) {
            rows.add(legacyImport(db));
        }
        return new Report(options, scale, harness, setup, db).markdown(rows);
    }

    /** Bytes on disk per 1,000 sessions, measured as the data is generated. */
    private record Sizes(double databaseMb, double ftsMb, double bytesPerTextByte) {
        List<Row> rows(double indexMb, String baseline) {
            return List.of(Row.size("database size per 1,000 sessions", databaseMb, null, 10.0),
                    Row.perTextByte("database bytes per byte of stored text (UTF-8 of tasks, outputs, messages)",
                            bytesPerTextByte, 1.3),
                    Row.size("search index size per 1,000 sessions (baseline: " + baseline + " table)", indexMb, ftsMb, null));
        }
    }

    private Sizes generate(BenchDatabase db, String workspace) throws SQLException {
        step("generating " + scale.sessions + " sessions");
        BenchDatabase.FullTextBaseline fts = db.fullText();
        try (Connection raw = db.connect()) {
            long t = System.nanoTime();
            new SyntheticHistory(options.seed(), Scale.SHAPE).write(raw, workspace, scale.sessions);
            db.keysWritten(raw);
            note("raw JDBC insert of the history", t);
            try (Statement st = raw.createStatement()) {
                // The triggers' record of that work is moot: the first open builds the index from the tables.
                st.execute("delete from search_index_work");
            }
            long database = db.size(raw);
            long text = textBytes(raw);
            t = System.nanoTime();
            fts.create(raw);
            note(fts.name() + " baseline table build", t);
            long ftsBytes = db.fullTextSize(raw, database);
            double perThousand = 1000.0 / scale.sessions / 1e6;
            return new Sizes(database * perThousand, ftsBytes * perThousand, (double) database / text);
        }
    }

    /** The UTF-8 bytes of every text the history stores: tasks, instance outputs, message contents. */
    private static long textBytes(Connection raw) throws SQLException {
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(
                "select (select coalesce(sum(octet_length(task)), 0) from sessions)"
                        + " + (select coalesce(sum(octet_length(output)), 0) from instances)"
                        + " + (select coalesce(sum(octet_length(content)), 0) from chat_messages)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Our rebuild (MassIndexer) against the ceiling: the same texts straight into Lucene. */
    private Row reindex(SessionStore store, BenchDatabase db) throws Exception {
        ReindexReport ours = store.fullText().reindex();
        double ceiling;
        try (Connection raw = db.connect()) {
            ceiling = LuceneCeiling.measure(raw, options.dir().resolve("lucene-ceiling"));
        }
        setup.add(String.format(Locale.ROOT, "reindex: %,d documents in %.1f s", ours.documents(),
                ours.elapsed().toNanos() / 1e9));
        return Row.throughput("reindex (baseline: same texts straight into Lucene)", ours.documentsPerSecond(),
                ceiling, "docs/s", null, null);
    }

    /** {@code list --limit 20} in fresh JVMs on this database (closed by now), against plain JDBC. */
    private Row startup(BenchDatabase db) throws Exception {
        StartupBenchmark.Result r = new StartupBenchmark(new StartupBenchmark.Options(options.dir().resolve("startup"),
                null, scale.sessions, scale.startupRuns, options.seed()), progress).run(db);
        List<String> parts = new ArrayList<>();
        r.breakdown().forEach((part, millis) -> parts.add(String.format(Locale.ROOT, "%s %,.0f ms", part, millis)));
        setup.add("start-up breakdown (p50): " + String.join(", ", parts));
        return Row.medians("start-up: `list --limit 20` in a fresh JVM, wall", r.commandWall(), r.baselineWall(), null);
    }

    /** The legacy import (generated home) against a raw JDBC insert of the same parsed rows. */
    private Row legacyImport(BenchDatabase db) throws Exception {
        ImportBenchmark.Result r = new ImportBenchmark(new ImportBenchmark.Options(options.dir().resolve("import"),
                scale.importSessions, scale.importRuns, options.seed(), null), progress).run(db);
        setup.add(String.format(Locale.ROOT, "import: indexing %,.0f ms of %,.0f ms", r.indexingMillis(), r.importMillis()));
        return Row.medians(String.format(Locale.ROOT, "import of %,d legacy sessions (5 instances, 50 messages each)",
                scale.importSessions), r.importMillis(), r.rawJdbcMillis(), 300_000.0);
    }

    /** Whether this run takes {@code step}; if so, says it starts. */
    private boolean runs(Step which, String what) {
        if (!options.only().contains(which)) {
            return false;
        }
        step(what);
        return true;
    }

    private void step(String what) {
        progress.println("bench: " + what + " ...");
        progress.flush();
    }

    private void note(String what, long startNanos) {
        setup.add(String.format(Locale.ROOT, "%s: %.1f s", what, (System.nanoTime() - startNanos) / 1e9));
    }
}
