package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.ReindexReport;
import dev.ait42.session.search.SearchIndexes;
import jakarta.persistence.EntityManager;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.mapper.orm.Search;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Full-text search against its baselines on one generated workspace: Lucene (Hibernate Search)
 * top-20, a {@code LIKE '%word%' ORDER BY timestamp DESC} scan and an FTS5 ranked query over
 * the same rows, timed in the same run; plus the full store search (sessions, snippets) and
 * reindex throughput.
 *
 * <pre>java -jar target/ait42-session.jar bench-search [--messages 200000] [--runs 50] [--dir target/bench-search]</pre>
 */
public final class SearchBenchmark {

    static final int TOP = BenchDatabase.TOP;

    /** Run settings; {@code messages} is rounded up to whole sessions of 50 messages. */
    public record Options(Path dir, int messages, int warmup, int runs, long seed) {
        public static Options defaults() {
            return new Options(Path.of("target", "bench-search"), 200_000, 10, 50, 42);
        }
    }

    private final Options options;
    private final PrintWriter out;

    public SearchBenchmark(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws SQLException {
        Path db = BenchFiles.emptyFolder(options.dir()).resolve("bench.db");
        BenchDatabase.FullTextBaseline fts = new BenchDatabase.Sqlite(db).fullText();
        int sessions = Math.max(1, (options.messages() + SyntheticHistory.MESSAGES_PER_SESSION - 1)
                / SyntheticHistory.MESSAGES_PER_SESSION);
        String workspace;
        try (SessionStore store = SessionStore.open(db)) {
            workspace = store.sessions().registerWorkspace(options.dir().toAbsolutePath().resolve("project")).getHash();
        }
        int messages = sessions * SyntheticHistory.MESSAGES_PER_SESSION;
        out.printf(Locale.ROOT, "# Full-text search benchmark%n%n%s, %d cores, Java %s%n",
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "Data: 1 workspace, %,d sessions, %,d instances, %,d messages (~200 chars, English"
                + " and Japanese mixed), seed %d%n%n", sessions, sessions * SyntheticHistory.INSTANCES_PER_SESSION,
                messages, options.seed());

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            long t = System.nanoTime();
            new SyntheticHistory(options.seed()).write(raw, workspace, sessions);
            report("raw JDBC insert of the rows", messages, t);
            t = System.nanoTime();
            fts.create(raw);
            report("FTS5 table build (baseline)", messages, t);
        }

        long t = System.nanoTime();
        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).build())) {
            out.printf(Locale.ROOT, "open with automatic index build (database changed without it): %.2f s%n",
                    (System.nanoTime() - t) / 1e9);
            ReindexReport reindex = store.fullText().reindex();
            out.printf(Locale.ROOT, "reindex: %,d documents in %.2f s = %,.0f docs/s (target >= 100,000): %s%n",
                    reindex.documents(), reindex.elapsed().toNanos() / 1e9, reindex.documentsPerSecond(),
                    reindex.documentsPerSecond() >= 100_000 ? "met" : "NOT met");
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                double ceiling = LuceneCeiling.measure(raw, options.dir().resolve("lucene-ceiling"));
                out.printf(Locale.ROOT, "baseline: the same texts, analyzer and fields straight into a Lucene IndexWriter"
                        + " (2 threads, no database): %,.0f docs/s; reindex reaches %.0f%% of it%n%n",
                        ceiling, 100 * reindex.documentsPerSecond() / ceiling);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("Lucene baseline failed", e);
            }
            measureQueries(store, db, workspace, fts);
        }
        out.printf(Locale.ROOT, "%nOn disk: database %.1f MB (incl. the FTS5 baseline table), Lucene index %.1f MB%n",
                (BenchFiles.size(db) + BenchFiles.size(db.resolveSibling("bench.db-wal"))) / 1e6, BenchFiles.size(db.resolveSibling("bench.db.index")) / 1e6);
    }

    private void measureQueries(SessionStore store, Path db, String workspace, BenchDatabase.FullTextBaseline ftsBaseline)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        Latencies luceneAll = new Latencies();
        Latencies likeAll = new Latencies();
        Latencies likeScanAll = new Latencies();
        Latencies luceneLatin = new Latencies();
        Latencies ftsLatin = new Latencies();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement like = raw.prepareStatement(BenchDatabase.LIKE_TOP);
             PreparedStatement likeScan = raw.prepareStatement("select session_pk, id from chat_messages"
                     + " where content like ? order by +timestamp desc limit " + TOP);
             PreparedStatement likeCount = raw.prepareStatement("select count(*) from chat_messages where content like ?");
             PreparedStatement fts = raw.prepareStatement(ftsBaseline.top());
             PreparedStatement ftsCount = raw.prepareStatement(ftsBaseline.count())) {
            for (SyntheticHistory.Marker marker : SyntheticHistory.MARKERS) {
                String word = marker.word();
                String pattern = "%" + word + "%";
                String match = BenchDatabase.FullTextBaseline.phrase(word);
                Row row = new Row(word,
                        count(likeCount, pattern), luceneCount(store, word), count(ftsCount, match),
                        time(w -> luceneTop(store, w), word),
                        time(w -> jdbcTop(like, pattern), word),
                        time(w -> jdbcTop(likeScan, pattern), word),
                        time(w -> jdbcTop(fts, match), word),
                        time(w -> store.fullText().search(FullTextQuery.matching(w)
                                .filter(SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build())
                                .page(0, TOP).build()).hits().size(), word));
                rows.add(row);
                luceneAll.addAll(row.lucene);
                likeAll.addAll(row.like);
                likeScanAll.addAll(row.likeScan);
                if (Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.LATIN) {
                    luceneLatin.addAll(row.lucene);
                    ftsLatin.addAll(row.fts);
                }
            }
        }
        out.println("Top-20 query latency, ms (p50 / p95), " + options.runs() + " runs per word after "
                + options.warmup() + " warm-up runs; hits = matching messages found by each engine:");
        out.println();
        out.println("| word | hits LIKE / Lucene / FTS5 | Lucene top-20 | LIKE, ORDER BY timestamp DESC |"
                + " LIKE, full scan and sort | FTS5 ranked | store search (sessions + snippets) |");
        out.println("|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %,d / %,d / %,d | %s | %s | %s | %s | %s |%n", r.word, r.likeHits,
                    r.luceneHits, r.ftsHits, cell(r.lucene), cell(r.like), cell(r.likeScan), cell(r.fts), cell(r.store));
        }
        out.println();
        out.println("The LIKE query as specified walks the timestamp index newest first and stops at the 20th"
                + " match, so it is fast for frequent words; the full-scan form (ORDER BY +timestamp, no index)"
                + " reads every row, as a LIKE search without a usable index does.");
        out.println();
        double likeRatio = likeAll.p50() / luceneAll.p50();
        double ftsRatio = ftsLatin.p50() / luceneLatin.p50();
        out.printf(Locale.ROOT, "LIKE scan p50 / Lucene p50 (all words): %.2f / %.3f ms = %.1fx (target >= 20x): %s%n",
                likeAll.p50(), luceneAll.p50(), likeRatio, likeRatio >= 20 ? "met" : "NOT met");
        double scanRatio = likeScanAll.p50() / luceneAll.p50();
        out.printf(Locale.ROOT, "LIKE full scan p50 / Lucene p50 (all words): %.2f / %.3f ms = %.1fx%n",
                likeScanAll.p50(), luceneAll.p50(), scanRatio);
        out.printf(Locale.ROOT, "FTS5 p50 / Lucene p50 (English words; FTS5's default tokenizer cannot find Japanese"
                        + " words inside a sentence): %.3f / %.3f ms = %.2fx (target >= 1x): %s%n",
                ftsLatin.p50(), luceneLatin.p50(), ftsRatio, ftsRatio >= 1 ? "met" : "NOT met");
    }

    private record Row(String word, long likeHits, long luceneHits, long ftsHits,
                       Latencies lucene, Latencies like, Latencies likeScan, Latencies fts, Latencies store) {
    }

    private static String cell(Latencies l) {
        return String.format(Locale.ROOT, "%.3f / %.3f", l.p50(), l.p95());
    }

    /** Top-20 message hits by relevance straight from the index: the same work as the FTS5 query. */
    static int luceneTop(SessionStore store, String word) {
        EntityManager em = store.entityManagerFactory().createEntityManager();
        try {
            return Search.session(em).search(ChatMessage.class)
                    .select(f -> f.id())
                    .where(f -> f.simpleQueryString().field(SearchIndexes.CONTENT).matching(word)
                            .defaultOperator(BooleanOperator.AND))
                    .fetchHits(TOP).size();
        } finally {
            em.close();
        }
    }

    private static long luceneCount(SessionStore store, String word) {
        EntityManager em = store.entityManagerFactory().createEntityManager();
        try {
            return Search.session(em).search(ChatMessage.class)
                    .where(f -> f.simpleQueryString().field(SearchIndexes.CONTENT).matching(word)
                            .defaultOperator(BooleanOperator.AND))
                    .fetchTotalHitCount();
        } finally {
            em.close();
        }
    }

    static int jdbcTop(PreparedStatement statement, String parameter) {
        try {
            statement.setString(1, parameter);
            int n = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getString(2);
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(PreparedStatement statement, String parameter) throws SQLException {
        statement.setString(1, parameter);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Latencies time(Function<String, Integer> query, String word) {
        for (int i = 0; i < options.warmup(); i++) {
            query.apply(word);
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < options.runs(); i++) {
            long t = System.nanoTime();
            query.apply(word);
            latencies.add(System.nanoTime() - t);
        }
        return latencies;
    }

    private void report(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "%s: %,d messages in %.2f s = %,.0f rows/s%n", what, rows, seconds, rows / seconds);
    }
}
