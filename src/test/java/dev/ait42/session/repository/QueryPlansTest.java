package dev.ait42.session.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.TestReports;
import dev.ait42.session.legacy.ImportProgress;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.LegacyHomeGenerator;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL's plans for the statements the library's main operations really send (captured
 * through Hibernate's {@link StatementInspector}, not written again here), on a moderate,
 * analyzed history of 2,000 imported sessions in four workspaces (10,000 instances, 100,000
 * messages; the operations run on one of them, as the library's listings do): none reads
 * {@code sessions}, {@code instances} or {@code chat_messages} with a sequential scan. Each
 * statement is explained as the generic plan of a prepared statement (the plan that holds for
 * every parameter value), which is what a pooled, prepared statement ends up with. One import for
 * every check (each is a named part of the one test).
 */
class QueryPlansTest extends StoreTestSupport {

    private static final int SESSIONS = 2_000;
    private static final int WORKSPACES = 4;
    private static final Set<String> HISTORY = Set.of("sessions", "instances", "chat_messages");
    private static final Pattern PARAMETER = Pattern.compile("\\?");

    /** Every statement Hibernate prepares, in order. */
    private static final List<String> SENT = Collections.synchronizedList(new ArrayList<>());

    /** Hibernate instantiates it from the setting: the statements go to {@link #SENT}. */
    public static final class Recorder implements StatementInspector {
        @Override
        public String inspect(String sql) {
            SENT.add(sql);
            return sql;
        }
    }

    private String history;
    /** Every statement checked with its scans, for target/test-reports/query-plans.txt. */
    private final StringBuilder report = new StringBuilder();

    @BeforeEach
    void importAnAnalyzedHistory() {
        assumeTrue(onPostgresql(), "PostgreSQL's plans");
        closeStore();
        open(Map.of("hibernate.session_factory.statement_inspector", Recorder.class.getName()));
        LegacyHomeGenerator.write(dir.resolve("home"), SESSIONS, WORKSPACES, 42);
        assertTrue(new LegacyHistory(store).importHome(dir.resolve("home"), false, ImportProgress.NONE).ok());
        history = LegacyHomeGenerator.workspaceHash(1);
        assertEquals(SESSIONS, countRows("select count(*) from sessions"));
        withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("analyze");
            }
            return null;
        });
    }

    @Test
    void everyMainOperationReadsTheHistoryByIndexNeverBySequentialScan() {
        assertAll(
                this::gettingOneSessionByIdReadsItsRowAndItsGraphByIndex,
                this::theFirstPageAndTheNextKeysetPageOfTheListingUseAnIndex,
                this::theListingWithGraphsReadsTheInstancesAndMessagesOfThePageByIndex,
                this::aSearchByTypeAndStatusAndItsTotalUseAnIndex,
                this::appendingAMessageFindsTheSessionAndItsLastMessageByIndex,
                this::deletingSessionsUpdatedBeforeATimeFindsThemByIndex,
                this::theSearchIndexDrainsItsRecordedWorkByIndex,
                this::aSequentialScanIsSeenWhereThereIsNoIndex);
        TestReports.write("query-plans", report.toString());
    }

    /** The check itself can fail: a substring search of the messages has no index to use. */
    void aSequentialScanIsSeenWhereThereIsNoIndex() {
        assertTrue(scans("select id from chat_messages where content like ?").stream().anyMatch(QueryPlansTest::sequential));
    }

    void gettingOneSessionByIdReadsItsRowAndItsGraphByIndex() {
        String id = anyId();
        assertPlansUseIndexes(() -> repo.get(history, id), "sessions", "instances", "chat_messages");
    }

    void theFirstPageAndTheNextKeysetPageOfTheListingUseAnIndex() {
        SessionQuery summaries = SessionQuery.inWorkspace(history).fetch(FetchPlan.SUMMARY).build();
        String cursor = repo.searchKeyset(summaries, null, 50).nextCursor();
        assertPlansUseIndexes(() -> repo.searchKeyset(summaries, null, 50), "sessions");
        assertPlansUseIndexes(() -> repo.searchKeyset(summaries, cursor, 50), "sessions");
    }

    void theListingWithGraphsReadsTheInstancesAndMessagesOfThePageByIndex() {
        assertPlansUseIndexes(() -> repo.searchKeyset(SessionQuery.inWorkspace(history).build(), null, 20),
                "sessions", "instances", "chat_messages");
    }

    void aSearchByTypeAndStatusAndItsTotalUseAnIndex() {
        SessionQuery query = SessionQuery.inWorkspace(history).types(SessionType.DEBATE)
                .statuses(SessionStatus.FAILED).fetch(FetchPlan.SUMMARY).build();
        assertPlansUseIndexes(() -> repo.search(query, 0, 50), "sessions");
    }

    void appendingAMessageFindsTheSessionAndItsLastMessageByIndex() {
        String id = anyId();
        assertPlansUseIndexes(() -> repo.addChatMessage(history, id,
                new ChatMessage("plan-" + System.nanoTime(), MessageRole.USER, "one more")), "sessions", "chat_messages");
    }

    void deletingSessionsUpdatedBeforeATimeFindsThemByIndex() {
        assertPlansUseIndexes(() -> repo.deleteUpdatedBefore(history, Instant.parse("2000-01-01T00:00:00Z")), "sessions");
    }

    void theSearchIndexDrainsItsRecordedWorkByIndex() {
        Session changed = repo.get(history, anyId());
        changed.setTask("a task changed for the catch-up");
        repo.update(history, changed);
        List<String> drained = capture(() -> services().fullText().catchUpNow());
        List<String> onWork = drained.stream().filter(sql -> sql.contains("search_index_work")).toList();
        assertFalse(onWork.isEmpty(), "the catch-up reads and deletes its work rows: " + drained);
        for (String sql : onWork) {
            if (!sql.toLowerCase(Locale.ROOT).startsWith("insert")) {
                List<JsonNode> scans = scans(sql);
                report.append(sql).append('\n').append(describe(scans)).append('\n');
                assertTrue(scans.stream().noneMatch(QueryPlansTest::sequential), () -> sql + "\n" + describe(scans));
            }
        }
    }

    /** The statements {@code operation} sends, each explained: no sequential scan of the history, an index on each table named. */
    private void assertPlansUseIndexes(Runnable operation, String... tables) {
        List<String> sent = capture(operation);
        List<String> read = sent.stream().filter(QueryPlansTest::readsHistory).toList();
        assertFalse(read.isEmpty(), "the operation reads the history: " + sent);
        Set<String> indexed = new java.util.TreeSet<>();
        StringBuilder plans = new StringBuilder();
        for (String sql : read) {
            List<JsonNode> scans = scans(sql);
            plans.append(sql).append('\n').append(describe(scans)).append('\n');
            report.append(sql).append('\n').append(describe(scans)).append('\n');
            for (JsonNode scan : scans) {
                String table = scan.path("Relation Name").asText();
                if (HISTORY.contains(table) && sequential(scan)) {
                    fail("sequential scan of " + table + " in\n" + sql + "\n" + describe(scans));
                }
                if (scan.has("Index Name")) {
                    indexed.add(table.isEmpty() ? tableOf(scan.path("Index Name").asText()) : table);
                }
            }
        }
        for (String table : tables) {
            assertTrue(indexed.contains(table), "an index of " + table + " is used:\n" + plans);
        }
    }

    private List<String> capture(Runnable operation) {
        SENT.clear();
        operation.run();
        return List.copyOf(SENT);
    }

    private static boolean readsHistory(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return !lower.startsWith("insert") && HISTORY.stream().anyMatch(t -> lower.matches("(?s).*\\b" + t + "\\b.*"));
    }

    private static boolean sequential(JsonNode scan) {
        return scan.path("Node Type").asText().equals("Seq Scan");
    }

    /** Which table an index belongs to, by the schema's naming (idx_messages_..., chat_messages_pkey, ...). */
    private String tableOf(String index) {
        return queryString("select tablename from pg_indexes where indexname = '" + index + "'");
    }

    /** The scan nodes of the statement's generic plan: prepared with $n parameters, explained with nulls. */
    private List<JsonNode> scans(String sql) {
        return withJdbc(c -> {
            Matcher m = PARAMETER.matcher(sql);
            StringBuilder numbered = new StringBuilder();
            int n = 0;
            while (m.find()) {
                m.appendReplacement(numbered, "\\$" + ++n);
            }
            m.appendTail(numbered);
            try (Statement st = c.createStatement()) {
                st.execute("set plan_cache_mode = force_generic_plan");
                st.execute("prepare plan_check as " + numbered);
                try (ResultSet rs = st.executeQuery("explain (format json) execute plan_check"
                        + (n == 0 ? "" : "(" + String.join(", ", Collections.nCopies(n, "null")) + ")"))) {
                    rs.next();
                    List<JsonNode> scans = new ArrayList<>();
                    collect(new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan"), scans);
                    return scans;
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException(e);
                } finally {
                    st.execute("deallocate plan_check");
                    st.execute("reset plan_cache_mode");
                }
            }
        });
    }

    private static void collect(JsonNode plan, List<JsonNode> scans) {
        if (plan.has("Relation Name") || plan.has("Index Name")) {
            scans.add(plan);
        }
        for (JsonNode child : plan.path("Plans")) {
            collect(child, scans);
        }
    }

    private static String describe(List<JsonNode> scans) {
        StringBuilder text = new StringBuilder();
        for (JsonNode scan : scans) {
            text.append("  ").append(scan.path("Node Type").asText()).append(' ')
                    .append(scan.path("Relation Name").asText()).append(' ')
                    .append(scan.path("Index Name").asText()).append('\n');
        }
        return text.toString();
    }

    private String anyId() {
        return queryString("select id from sessions where workspace_hash = '" + history + "' order by pk offset 377 limit 1");
    }

}
