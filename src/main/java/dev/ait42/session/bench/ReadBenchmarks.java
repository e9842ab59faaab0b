package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.InstanceGrouping;
import dev.ait42.session.repository.KeysetPage;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.model.Session;
import dev.ait42.session.search.FullTextQuery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The read paths: each against the same work in raw JDBC. */
final class ReadBenchmarks {

    private static final SessionType[] TYPES = SessionType.values();
    private static final int AGGREGATE_RUNS = 30;
    /** A keyset position after every session: the first page. */
    private static final Instant AFTER_EVERY_SESSION = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final SessionStatus[] STATUSES = {SessionStatus.COMPLETED, SessionStatus.FAILED, SessionStatus.RUNNING};

    private final SessionStore store;
    private final SessionRepository sessions;
    private final JdbcBaseline jdbc;
    private final BenchDatabase.FullTextBaseline ranked;
    private final String workspace;
    private final int sessionCount;
    private final Harness harness;

    ReadBenchmarks(SessionStore store, JdbcBaseline jdbc, BenchDatabase.FullTextBaseline ranked, String workspace,
                   int sessionCount, Harness harness) {
        this.store = store;
        this.sessions = store.sessions();
        this.jdbc = jdbc;
        this.ranked = ranked;
        this.workspace = workspace;
        this.sessionCount = sessionCount;
        this.harness = harness;
    }

    /** A session picked at random (seeded by the run number), the same for ours and the baseline. */
    String sessionAt(int run) {
        return SyntheticHistory.sessionId(1 + new SplittableRandom(run).nextInt(sessionCount));
    }

    List<Row> run() throws SQLException {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.latency("get one session with its graph", harness.measure(
                r -> sessions.get(workspace, sessionAt(r)),
                r -> jdbc.graph(sessionAt(r))), null, Row.MAX_RATIO));
        rows.add(Row.latency("list 100 sessions with their graph", harness.measure(
                r -> sessions.searchKeyset(SessionQuery.inWorkspace(workspace).build(), null, 100),
                r -> jdbc.newest(100)), 2.0, Row.MAX_RATIO));
        rows.add(Row.latency("list 100 sessions, summaries only", harness.measure(
                r -> sessions.searchKeyset(SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build(), null, 100),
                r -> jdbc.keysetPage(AFTER_EVERY_SESSION, Long.MAX_VALUE, 100)), 2.0, Row.MAX_RATIO));
        rows.add(Row.latency("Criteria search by type and status, page of 50 (with total)", harness.measure(
                r -> sessions.search(SessionQuery.inWorkspace(workspace).types(TYPES[r % TYPES.length])
                        .statuses(STATUSES[r % STATUSES.length]).fetch(FetchPlan.SUMMARY).build(), 0, 50),
                r -> jdbc.byTypeAndStatus(TYPES[r % TYPES.length].wire(), STATUSES[r % STATUSES.length].wire(), 50)),
                1.0, Row.MAX_RATIO));
        rows.add(keysetDeep());
        rows.add(Row.latency("statistics over the workspace", harness.measure(
                r -> sessions.statistics(SessionQuery.inWorkspace(workspace).build()),
                r -> jdbc.statistics()), null, Row.MAX_RATIO));
        rows.addAll(statisticsByRuntime());
        rows.addAll(fullText());
        return rows;
    }

    /**
     * Statistics by runtime read every instance of the workspace (about a second per call at full
     * scale, percentiles in SQL twice that): at most {@link #AGGREGATE_RUNS} timed runs of each.
     */
    private List<Row> statisticsByRuntime() {
        Harness few = harness.capped(3, AGGREGATE_RUNS);
        SessionQuery wholeWorkspace = SessionQuery.inWorkspace(workspace).build();
        String runs = " (" + few.runs() + " runs)";
        return List.of(
                Row.latency("statistics by runtime (one statement)" + runs, few.measure(
                        r -> sessions.statisticsBy(wholeWorkspace, InstanceGrouping.RUNTIME),
                        r -> jdbc.statisticsByRuntime()), null, Row.MAX_RATIO),
                Row.latency("statistics by runtime vs its own SQL in raw JDBC" + runs, few.measure(
                        r -> sessions.statisticsBy(wholeWorkspace, InstanceGrouping.RUNTIME),
                        r -> jdbc.statisticsByRuntimeAsTheStoreDoes()), null, Row.MAX_RATIO));
    }

    /** A page of 50 at 90% depth: the cursor is found by walking pages first (untimed). */
    private Row keysetDeep() {
        SessionQuery query = SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build();
        int depth = Math.max(1, sessionCount * 9 / 10);
        String cursor = null;
        Session last = null;
        for (int seen = 0; seen < depth; ) {
            KeysetPage<Session> page = sessions.searchKeyset(query, cursor, Math.min(1000, depth - seen));
            seen += page.items().size();
            last = page.items().get(page.items().size() - 1);
            cursor = page.nextCursor();
        }
        String deepCursor = cursor;
        Instant updatedAt = last.getUpdatedAt();
        long pk = last.getPk();
        return Row.latency("keyset page of 50 at 90% depth", harness.measure(
                r -> sessions.searchKeyset(query, deepCursor, 50),
                r -> jdbc.keysetPage(updatedAt, pk, 50)), null, Row.MAX_RATIO);
    }

    /** Top-20 by relevance: Lucene against LIKE (every marker word) and the ranked baseline (English words). */
    private List<Row> fullText() throws SQLException {
        List<String> all = new ArrayList<>();
        List<String> english = new ArrayList<>();
        for (SyntheticHistory.Marker m : SyntheticHistory.MARKERS) {
            all.add(m.word());
            if (Character.UnicodeScript.of(m.word().codePointAt(0)) == Character.UnicodeScript.LATIN) {
                english.add(m.word());
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(Row.latency("full-text top-20 messages (Lucene) vs LIKE", harness.measure(
                r -> SearchBenchmark.luceneTop(store, all.get(r % all.size())),
                r -> jdbc.top(BenchDatabase.LIKE_TOP, "%" + all.get(r % all.size()) + "%")), 5.0, Row.MAX_RATIO));
        rows.add(Row.latency("full-text top-20 messages (Lucene) vs " + ranked.name() + ", English words", harness.measure(
                r -> SearchBenchmark.luceneTop(store, english.get(r % english.size())),
                r -> jdbc.top(ranked.top(), BenchDatabase.FullTextBaseline.phrase(english.get(r % english.size())))),
                5.0, 1.0));
        rows.add(Row.latency("store full-text search: top-20 sessions with snippets vs " + ranked.name(), harness.measure(
                r -> store.fullText().search(FullTextQuery.matching(english.get(r % english.size()))
                        .filter(SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build())
                        .page(0, 20).build()),
                r -> jdbc.top(ranked.top(), BenchDatabase.FullTextBaseline.phrase(english.get(r % english.size())))),
                5.0, 1.0));
        return rows;
    }
}
