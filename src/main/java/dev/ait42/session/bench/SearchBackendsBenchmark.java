package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.ReindexReport;
import dev.ait42.session.search.SearchBackend;
import dev.ait42.session.search.SessionHit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two search backends on the same PostgreSQL data: search latency of the store's full-text
 * search (sessions, snippets) on the local Lucene index and on OpenSearch, whether both return
 * the same sessions in the same order, each backend's rebuild rate, and the indexing lag between
 * two nodes of one OpenSearch index (a commit on one node until a search on the other finds it).
 *
 * <pre>java -jar target/ait42-session.jar bench-search-backends --db jdbc:postgresql://... --search-uri http://...</pre>
 */
public final class SearchBackendsBenchmark {

    static final int TOP = 20;
    private static final String PREFIX = "bench-";

    /**
     * Run settings; the database's tables are emptied and refilled with {@code sessions} generated
     * sessions of the given shape.
     */
    public record Options(String jdbcUrl, String searchUri, Path dir, int sessions, SyntheticHistory.Shape shape,
                          int warmup, int runs, int lagSamples, long seed) {

        /** Sessions of 5 instances and 50 messages. */
        public Options(String jdbcUrl, String searchUri, Path dir, int sessions, int warmup, int runs,
                       int lagSamples, long seed) {
            this(jdbcUrl, searchUri, dir, sessions, SyntheticHistory.Shape.DEFAULT, warmup, runs, lagSamples, seed);
        }

        /** The data of {@code bench --scale}: its sessions, of 10 instances and 100 messages. */
        public static Options atScale(String jdbcUrl, String searchUri, Path dir, Scale scale, int warmup, int runs,
                                      int lagSamples, long seed) {
            return new Options(jdbcUrl, searchUri, dir, scale.sessions, Scale.SHAPE, warmup, runs, lagSamples, seed);
        }
    }

    private final Options options;
    private final PrintWriter out;

    public SearchBackendsBenchmark(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws SQLException {
        Path dir = BenchFiles.emptyFolder(options.dir());
        StoreConfig.Builder lucene = StoreConfig.builder(options.jdbcUrl()).indexDirectory(dir.resolve("lucene.index"));
        StoreConfig.Builder openSearch = StoreConfig.builder(options.jdbcUrl())
                .search(SearchBackend.openSearch(options.searchUri()).withIndexPrefix(PREFIX));
        String workspace;
        emptyTables(); // before any store opens: an open would build its index from a last run's rows
        try (SessionStore store = SessionStore.open(lucene.build())) {
            workspace = store.sessions().registerWorkspace(dir.toAbsolutePath().resolve("project")).getHash();
        }
        // Open before the rows exist, so that opening builds nothing: each backend is rebuilt once, timed.
        SessionStore openSearchStore = SessionStore.open(openSearch.searchCatchUpPeriod(Duration.ZERO).build());
        try {
            generate(workspace);
            compare(lucene, openSearchStore, workspace);
        } finally {
            openSearchStore.close();
        }
        measureLag(openSearch, workspace);
    }

    private void compare(StoreConfig.Builder lucene, SessionStore openSearchStore, String workspace) {
        out.printf(Locale.ROOT, "# Search backends: Lucene against OpenSearch%n%n%s, %d cores, Java %s%n",
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "Data: PostgreSQL, 1 workspace, %,d sessions, %,d instances, %,d messages, seed %d%n%n",
                options.sessions(), options.sessions() * options.shape().instances(),
                options.sessions() * options.shape().messages(), options.seed());

        Map<String, List<String>> luceneOrder;
        Map<String, Latencies> luceneTimes = new LinkedHashMap<>();
        try (SessionStore store = SessionStore.open(lucene.build())) {
            reindex("Lucene", store);
            luceneOrder = measure(store, workspace, luceneTimes);
        }
        Map<String, Latencies> openSearchTimes = new LinkedHashMap<>();
        Map<String, List<String>> openSearchOrder;
        reindex("OpenSearch", openSearchStore);
        openSearchOrder = measure(openSearchStore, workspace, openSearchTimes);
        out.println();
        out.println("Store search (top " + TOP + " sessions with snippets), ms p50 / p95, " + options.runs()
                + " runs per word after " + options.warmup() + " warm-up runs:");
        out.println();
        out.println("| word | Lucene | OpenSearch | same sessions, same order |");
        out.println("|---|---|---|---|");
        Latencies luceneAll = new Latencies();
        Latencies openSearchAll = new Latencies();
        for (String word : luceneTimes.keySet()) {
            luceneAll.addAll(luceneTimes.get(word));
            openSearchAll.addAll(openSearchTimes.get(word));
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", word, cell(luceneTimes.get(word)),
                    cell(openSearchTimes.get(word)), luceneOrder.get(word).equals(openSearchOrder.get(word)) ? "yes" : "NO");
        }
        out.printf(Locale.ROOT, "| all words | %s | %s | |%n%n", cell(luceneAll), cell(openSearchAll));
    }

    private void emptyTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(options.jdbcUrl()); Statement st = c.createStatement()) {
            try (var schema = st.executeQuery("select to_regclass('search_index_work') is not null")) {
                if (!schema.next() || !schema.getBoolean(1)) {
                    return; // a new database: the first open creates the tables
                }
            }
            st.execute("TRUNCATE sessions, instances, chat_messages, search_index_work RESTART IDENTITY CASCADE");
        }
    }

    private void generate(String workspace) throws SQLException {
        long t = System.nanoTime();
        emptyTables();
        // stringtype=unspecified: the generator binds timestamps as ISO-8601 text, as for SQLite
        try (Connection c = DriverManager.getConnection(options.jdbcUrl() + "&stringtype=unspecified")) {
            new SyntheticHistory(options.seed(), options.shape()).write(c, workspace, options.sessions());
            try (Statement st = c.createStatement()) {
                // the generator's keys are its own: the sequence goes past them for later writes
                st.execute("select setval(pg_get_serial_sequence('sessions', 'pk'), (select max(pk) from sessions))");
                st.execute("delete from search_index_work"); // each backend is rebuilt below
            }
        }
        out.printf(Locale.ROOT, "generated the rows in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private void reindex(String backend, SessionStore store) {
        ReindexReport report = store.fullText().reindex();
        out.printf(Locale.ROOT, "reindex on %s: %,d documents in %.2f s = %,.0f docs/s%n", backend,
                report.documents(), report.elapsed().toNanos() / 1e9, report.documentsPerSecond());
    }

    /** Times the searches of every marker word; the session ids each returns, in order. */
    private Map<String, List<String>> measure(SessionStore store, String workspace, Map<String, Latencies> times) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (SyntheticHistory.Marker marker : SyntheticHistory.MARKERS) {
            FullTextQuery query = FullTextQuery.matching(marker.word())
                    .filter(SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build())
                    .page(0, TOP).build();
            Latencies latencies = new Latencies();
            FullTextPage page = null;
            for (int run = 0; run < options.warmup() + options.runs(); run++) {
                long t = System.nanoTime();
                page = store.fullText().search(query);
                if (run >= options.warmup()) {
                    latencies.add(System.nanoTime() - t);
                }
            }
            List<String> ids = new ArrayList<>();
            for (SessionHit hit : page.hits()) {
                ids.add(hit.session().getId());
            }
            order.put(marker.word(), ids);
            times.put(marker.word(), latencies);
        }
        return order;
    }

    /**
     * Two nodes of one OpenSearch index in this JVM: node A commits a session (and applies its
     * work in the background, as every node does), node B searches for its word until it finds it.
     */
    private void measureLag(StoreConfig.Builder openSearch, String workspace) {
        Latencies lag = new Latencies();
        StoreConfig node = openSearch.searchCatchUpPeriod(StoreConfig.DEFAULT_CATCH_UP_PERIOD).build();
        try (SessionStore a = SessionStore.open(node); SessionStore b = SessionStore.open(node)) {
            for (int i = 0; i < options.lagSamples(); i++) {
                String word = "lagword" + i;
                Session session = new Session("lag-" + i, SessionType.COMPETITION, "Lag probe " + word);
                session.addMessage(new ChatMessage("m0", MessageRole.USER, "probe " + word, Instant.now()));
                a.sessions().create(workspace, session);
                long committed = System.nanoTime();
                FullTextQuery query = FullTextQuery.matching(word).page(0, 1).build();
                while (b.fullText().search(query).hits().isEmpty()) {
                    if (System.nanoTime() - committed > Duration.ofSeconds(30).toNanos()) {
                        throw new IllegalStateException("node B never found node A's session " + session.getId());
                    }
                }
                lag.add(System.nanoTime() - committed);
            }
        }
        out.printf(Locale.ROOT, "Indexing lag between two nodes (commit on A until a search on B finds it), %d samples:"
                + " p50 %.1f ms, p95 %.1f ms%n", lag.count(), lag.p50(), lag.p95());
    }

    private static String cell(Latencies l) {
        return String.format(Locale.ROOT, "%.2f / %.2f", l.p50(), l.p95());
    }
}
