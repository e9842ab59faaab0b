package dev.ait42.session.bench;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The Markdown report: how it was run, on what, the table, and what each baseline does. */
final class Report {

    private final WorkspaceBenchmark.Options options;
    private final Scale scale;
    private final Harness harness;
    private final List<String> setup;
    private final BenchDatabase database;

    Report(WorkspaceBenchmark.Options options, Scale scale, Harness harness, List<String> setup, BenchDatabase database) {
        this.options = options;
        this.scale = scale;
        this.harness = harness;
        this.setup = setup;
        this.database = database;
    }

    String markdown(List<Row> rows) throws SQLException {
        boolean server = !database.singleWriter();
        StringBuilder md = new StringBuilder();
        md.append(server ? "# Benchmarks on PostgreSQL\n\n" : "# Benchmarks\n\n");
        md.append("```bash\n./mvnw -q -B -DskipTests package && ").append(options.command()).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "- Machine: %d cores, %s %s (%s), Java %s (%s), max heap %,d MB; run %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20,
                LocalDate.now(ZoneOffset.UTC)));
        if (server) {
            md.append("- Database: ").append(database.product()).append(" (the server on the same machine, over TCP;"
                    + " the store's pool and the baseline's connections alike); search index a local Lucene folder\n");
        }
        md.append(String.format(Locale.ROOT, "- Data (scale %s): one workspace of %,d sessions, %,d instances, %,d chat"
                        + " messages (~200 characters, English and Japanese mixed), seed %d, written by raw JDBC"
                        + " batches%n", scale.name().toLowerCase(Locale.ROOT), scale.sessions,
                scale.sessions * Scale.SHAPE.instances(), scale.sessions * Scale.SHAPE.messages(), options.seed()));
        md.append(String.format(Locale.ROOT, "- Method: at least %d warm-up runs and %,d ms of them, then %d timed runs of each operation, ours and"
                + " the baseline alternating; ratio = ours p50 / baseline p50 (throughput and reindex: baseline"
                + " rate / ours, so above 1 always means ours is slower); sustained throughput %d s per side;"
                + " start-up %d runs per side; import %d run(s)%n", harness.warmup(), harness.warmupMillis(), harness.runs(),
                scale.throughputSeconds, scale.startupRuns, scale.importRuns));
        md.append("- Setup: ").append(String.join("; ", setup)).append("\n");
        md.append("- JVM input arguments: ").append(String.join(" ",
                ManagementFactory.getRuntimeMXBean().getInputArguments())).append("\n\n");
        md.append("| operation | ours p50 / p95 | baseline p50 / p95 | ratio | original target | met? |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(row.markdown()).append('\n');
        }
        md.append(server ? POSTGRESQL_BASELINES : SQLITE_BASELINES);
        return md.toString();
    }

    private static final String SQLITE_BASELINES = """

                Baselines (raw JDBC on the same file, same pragmas, one transaction per operation, statements
                prepared per call, every column read):

                - get / list: the session rows joined to their workspace, then one statement for the
                  instances and one for the messages of those sessions (the store's plan, by hand).
                - search by type and status: the page and its `count(*)`; keyset: the same `(updated_at, pk)`
                  predicate; statistics: three aggregates (ours: one grouped statement); statistics by runtime: the same figures in
                  one hand-written SQLite statement, durations and nearest-rank percentiles included (end minus
                  start in milliseconds, window functions), where ours aggregates start and end times for Java to take the percentiles;
                  and the store's own statement by hand, its rows read but no percentile taken from them.
                - insert: the session row, then the instances and messages in JDBC batches; update:
                  a version-checked `UPDATE` of the changed row, its key and version known (ours: `modify`,
                  which reads the session row and writes the changed columns); append: session key,
                  `max(seq)`, insert, touch.
                - Index work: the database's triggers record it in the writing transaction, ours and the
                  baseline's alike (same file); the store's background catch-up applies both while the
                  benchmark runs.
                - size: the pages in use after the raw JDBC insert, with the triggers' record of the index
                  work cleared (the first open builds the index from the tables), per 1,000 sessions and
                  per UTF-8 byte of the texts stored (tasks, outputs, message contents).
                - full-text: `LIKE '%word%' ORDER BY timestamp DESC LIMIT 20` (no index on the timestamp
                  since changeset 005: a scan) and an FTS5 ranked query
                  over the same messages; ours is the Lucene top-20 (message ids), and the store's full
                  search (ranked sessions with snippets).
                - throughput: 4 threads; the baseline's writes share one connection (SQLite has one writer,
                  as in the store), its reads use one connection per thread.
                - start-up: `bench-startup`'s measure: the wall time of `target/ait42-session list --limit 20`
                  (the launcher script, one JVM with the class-data archive) on this database, start to
                  exit, against a fresh JVM that opens the file with plain JDBC and runs the same query.
                - import: `bench-import`'s measure: a generated legacy home imported into a new database,
                  search index ready at the end, against a raw JDBC batch insert of the same rows, already
                  parsed, into another (median of the runs).
                """;

    private static final String POSTGRESQL_BASELINES = """

                Baselines (raw JDBC on the same database, same driver settings, one transaction per operation,
                statements prepared per call, every column read; the same SQL as on SQLite unless said):

                - get / list: the session rows joined to their workspace, then one statement for the
                  instances and one for the messages of those sessions (the store's plan, by hand).
                - search by type and status: the page and its `count(*)`; keyset: the same `(updated_at, pk)`
                  predicate; statistics: three aggregates (ours: one grouped statement); statistics by runtime: the same figures in
                  one hand-written PostgreSQL statement, durations and nearest-rank percentiles included
                  (`extract(epoch ...)`, window functions), where ours aggregates start and end times for Java
                  to take the percentiles; and the store's own statement by hand, its rows read but no
                  percentile taken from them.
                - insert: the session row, then the instances and messages in JDBC batches (sent as multi-row
                  inserts, as the store's pool sends them); update: a version-checked `UPDATE` of the changed
                  row (ours loads the stored graph and replaces the session from the copy); append: session key,
                  `max(seq)`, insert, touch.
                - Our writes also update the Lucene index before they return; the baseline maintains no index
                  (the schema's triggers record index work for both alike).
                - full-text: `LIKE '%word%' ORDER BY timestamp DESC LIMIT 20`, and in place of FTS5 a table of the
                  messages' `to_tsvector('simple', content)` with a GIN index, the top 20 by `ts_rank` of a
                  `phraseto_tsquery`; ours is the Lucene top-20 (message ids), and the store's full search
                  (ranked sessions with snippets).
                - sizes: `pg_total_relation_size` of the four tables (indexes and TOAST included), and of the
                  `tsvector` table for the full-text baseline.
                - throughput: 4 threads, each with a connection of its own for reads and for writes (the server
                  runs writers side by side, as the store's pool does).
                - start-up: `bench-startup`'s measure: the wall time of `target/ait42-session list --limit 20
                  --db URL --index-dir DIR` (the launcher script, one JVM with the class-data archive) on this
                  database, start to exit, against a fresh JVM that connects with plain JDBC and runs the same query.
                - import: `bench-import`'s measure: a generated legacy home imported into a new database on the
                  server, search index ready at the end, against a raw JDBC batch insert of the same rows, already
                  parsed, into another new database (median of the runs).
                """;
}
