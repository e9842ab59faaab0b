package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.TestReports;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No N+1: reading sessions with their graphs costs a fixed number of SQL statements, whatever
 * the number of sessions, and the returned (detached) graphs are complete.
 */
class StatementCountTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    /** Measured statement counts, written once to the test reports. */
    private static final Map<String, Long> MEASURED = new ConcurrentHashMap<>();

    @AfterAll
    static void printMeasuredCounts() {
        StringBuilder line = new StringBuilder("statements:");
        new TreeMap<>(MEASURED).forEach((name, count) -> line.append(' ').append(name).append('=').append(count));
        TestReports.write("statement-counts", line.toString());
    }

    private long measure(String name, Runnable work) {
        long count = statementsDuring(work);
        MEASURED.put(name, count);
        return count;
    }

    /**
     * A session whose instances are added in reverse number order and whose message ids do not
     * sort like their positions (msg-10 before msg-2 as text), so the order is checked for real.
     */
    private Session graph(String id, int instances, int messages, Instant created) {
        Session s = new Session(id, SessionType.ENSEMBLE, "task of " + id);
        s.setCreatedAt(created);
        s.setUpdatedAt(created);
        for (int i = instances - 1; i >= 0; i--) {
            s.addInstance(instance(i, id + "-agent-" + i));
        }
        for (int m = 0; m < messages; m++) {
            s.addMessage(new ChatMessage("msg-" + m, dev.ait42.session.model.MessageRole.ASSISTANT,
                    "message " + m + " of " + id, created.plusSeconds(m)));
        }
        return s;
    }

    private List<Session> seed(int sessions, int instances, int messages) {
        List<Session> stored = new ArrayList<>();
        for (int n = 0; n < sessions; n++) {
            stored.add(repo.create(ws, graph(String.format("session-%03d", n), instances, messages,
                    T0.plus(Duration.ofMinutes(n)))));
        }
        return stored;
    }

    /** Checks a detached session's whole graph: sizes, order and content, without touching the database. */
    private static void assertCompleteGraph(Session s, int instances, int messages) {
        List<Instance> loaded = s.getInstances();
        assertEquals(instances, loaded.size(), s.getId() + " instances");
        for (int i = 0; i < instances; i++) {
            assertEquals(i, loaded.get(i).getInstanceId(), s.getId() + " instances ordered by number");
            assertEquals(s.getId() + "-agent-" + i, loaded.get(i).getAgentName(), "instance of another session");
            assertTrue(loaded.get(i).getSession() == s, "instance's back reference");
        }
        List<ChatMessage> history = s.getMessages();
        assertEquals(messages, history.size(), s.getId() + " messages");
        for (int m = 0; m < messages; m++) {
            assertEquals("msg-" + m, history.get(m).getId(), s.getId() + " messages in history order");
            assertEquals(m, history.get(m).getSeq());
            assertEquals("message " + m + " of " + s.getId(), history.get(m).getContent(), "message of another session");
        }
        assertNotNull(s.getWorkspace().getHash());
    }

    // ---- single session ----

    @Test
    void getLoadsASessionWithFiveInstancesAndTwentyMessagesInAtMostThreeStatements() {
        repo.create(ws, graph("big", 5, 20, T0));
        AtomicReference<Session> loaded = new AtomicReference<>();

        long statements = measure("get", () -> loaded.set(repo.get(ws, "big")));

        assertTrue(statements <= 3, "get took " + statements + " statements");
        assertCompleteGraph(loaded.get(), 5, 20);
    }

    @Test
    void findOfAMissingSessionTakesOneStatement() {
        long statements = measure("findMissing", () -> assertTrue(repo.find(ws, "missing").isEmpty()));

        assertEquals(1, statements);
    }

    // ---- whole workspace ----

    @Test
    void listAllOfAHundredSessionsTakesAtMostThreeStatements() {
        seed(100, 3, 5);
        AtomicReference<List<Session>> loaded = new AtomicReference<>();

        long statements = measure("list100", () -> loaded.set(repo.listAll(ws)));

        assertTrue(statements <= 3, "listAll took " + statements + " statements");
        assertEquals(100, loaded.get().size());
        loaded.get().forEach(s -> assertCompleteGraph(s, 3, 5));
        assertEquals("session-099", loaded.get().get(0).getId(), "newest first");
    }

    @Test
    void statementCountDoesNotGrowWithTheNumberOfSessions() {
        seed(5, 2, 2);
        long small = measure("list5", () -> repo.listAll(ws));
        for (int n = 5; n < 60; n++) {
            repo.create(ws, graph(String.format("more-%03d", n), 2, 2, T0.plus(Duration.ofHours(n))));
        }
        long large = measure("list60", () -> assertEquals(60, repo.listAll(ws).size()));

        assertEquals(small, large);
    }

    // ---- keyset pages ----

    @Test
    void fullKeysetPagesOfOneAndOfAHundredTakeAtMostThreeStatements() {
        seed(120, 3, 5);
        SessionQuery q = SessionQuery.inWorkspace(ws).fetch(FetchPlan.FULL).build();
        AtomicReference<KeysetPage<Session>> one = new AtomicReference<>();
        AtomicReference<KeysetPage<Session>> hundred = new AtomicReference<>();

        long forOne = measure("keyset1", () -> one.set(repo.searchKeyset(q, null, 1)));
        long forHundred = measure("keyset100", () -> hundred.set(repo.searchKeyset(q, null, 100)));
        long nextPage = measure("keysetNext", () -> repo.searchKeyset(q, hundred.get().nextCursor(), 100));

        assertTrue(forOne <= 3, "page of 1 took " + forOne);
        assertTrue(forHundred <= 3, "page of 100 took " + forHundred);
        assertTrue(nextPage <= 3, "second page took " + nextPage);
        assertEquals(1, one.get().items().size());
        assertEquals(100, hundred.get().items().size());
        hundred.get().items().forEach(s -> assertCompleteGraph(s, 3, 5));
        one.get().items().forEach(s -> assertCompleteGraph(s, 3, 5));
    }

    @Test
    void keysetPagesFilteredByTextAndRuntimeStillTakeAtMostThreeStatements() {
        seed(30, 3, 2);
        SessionQuery q = SessionQuery.inWorkspace(ws).text("agent-2").runtime("claude").model("none")
                .build();
        SessionQuery matching = SessionQuery.inWorkspace(ws).text("agent-2").runtime("claude").build();

        long none = measure("keysetFilteredEmpty", () -> assertTrue(repo.searchKeyset(q, null, 50).items().isEmpty()));
        long some = measure("keysetFiltered", () -> assertEquals(30, repo.searchKeyset(matching, null, 50).items().size()));

        assertEquals(1, none, "an empty page needs no graph statements");
        assertTrue(some <= 3, "filtered page took " + some);
    }

    // ---- offset pages ----

    @Test
    void fullOffsetPagesOfOneAndOfAHundredTakeAtMostFourStatements() {
        seed(120, 3, 5);
        SessionQuery q = SessionQuery.inWorkspace(ws).fetch(FetchPlan.FULL).build();
        AtomicReference<Page<Session>> one = new AtomicReference<>();
        AtomicReference<Page<Session>> hundred = new AtomicReference<>();

        long forOne = measure("search1", () -> one.set(repo.search(q, 0, 1)));
        long forHundred = measure("search100", () -> hundred.set(repo.search(q, 10, 100)));

        assertTrue(forOne <= 4, "page of 1 took " + forOne);
        assertTrue(forHundred <= 4, "page of 100 took " + forHundred);
        assertEquals(120, one.get().totalElements());
        assertEquals(100, hundred.get().items().size());
        hundred.get().items().forEach(s -> assertCompleteGraph(s, 3, 5));
        assertCompleteGraph(one.get().items().get(0), 3, 5);
    }

    // ---- statistics by group ----

    @Test
    void statisticsByEveryGroupingTakeOneStatementForThreeSessionsAndForThirty() {
        seed(3, 3, 1);
        SessionQuery all = SessionQuery.inWorkspace(ws).build();
        SessionQuery filtered = SessionQuery.inWorkspace(ws).types(SessionType.ENSEMBLE).text("agent")
                .runtime("claude").model("none").createdBetween(T0, null).build();
        for (InstanceGrouping by : InstanceGrouping.values()) {
            AtomicReference<List<GroupStatistics>> few = new AtomicReference<>();
            long forThree = measure("statisticsBy" + by.wire() + "3", () -> few.set(repo.statisticsBy(all, by)));
            assertEquals(1, forThree, by + " over 3 sessions took " + forThree);
            assertEquals(9, few.get().stream().mapToLong(GroupStatistics::runs).sum());
            assertEquals(1, measure("statisticsBy" + by.wire() + "Filtered", () -> repo.statisticsBy(filtered, by)));
        }
        for (int n = 3; n < 30; n++) {
            repo.create(ws, graph(String.format("session-%03d", n), 3, 1, T0.plus(Duration.ofMinutes(n))));
        }
        for (InstanceGrouping by : InstanceGrouping.values()) {
            AtomicReference<List<GroupStatistics>> many = new AtomicReference<>();
            long forThirty = measure("statisticsBy" + by.wire() + "30", () -> many.set(repo.statisticsBy(all, by)));
            assertEquals(1, forThirty, by + " over 30 sessions took " + forThirty);
            assertEquals(90, many.get().stream().mapToLong(GroupStatistics::runs).sum());
        }
    }

    // ---- fetch plans ----

    @Test
    void summaryPlanTakesOneStatementPlusTheCountAndLeavesCollectionsUnloaded() {
        seed(40, 3, 5);
        SessionQuery q = SessionQuery.inWorkspace(ws).fetch(FetchPlan.SUMMARY).build();
        AtomicReference<KeysetPage<Session>> keyset = new AtomicReference<>();
        AtomicReference<Page<Session>> offset = new AtomicReference<>();

        long keysetCount = measure("keysetSummary", () -> keyset.set(repo.searchKeyset(q, null, 25)));
        long offsetCount = measure("searchSummary", () -> offset.set(repo.search(q, 0, 25)));

        assertEquals(1, keysetCount);
        assertEquals(2, offsetCount);
        Session s = keyset.get().items().get(0);
        assertNotNull(s.getWorkspace().getHash(), "the workspace is part of every plan");
        assertEquals("session-039", s.getId());
        assertThrows(LazyInitializationException.class, () -> s.getInstances().size());
        assertThrows(LazyInitializationException.class, () -> s.getMessages().size());
        assertThrows(LazyInitializationException.class, () -> offset.get().items().get(3).getInstances().size());
    }

    @Test
    void instancesPlanTakesTwoStatementsPlusTheCountAndLoadsOnlyInstances() {
        seed(40, 3, 5);
        SessionQuery q = SessionQuery.inWorkspace(ws).fetch(FetchPlan.INSTANCES).build();
        AtomicReference<KeysetPage<Session>> keyset = new AtomicReference<>();
        AtomicReference<Page<Session>> offset = new AtomicReference<>();

        long keysetCount = measure("keysetInstances", () -> keyset.set(repo.searchKeyset(q, null, 25)));
        long offsetCount = measure("searchInstances", () -> offset.set(repo.search(q, 0, 25)));

        assertEquals(2, keysetCount);
        assertEquals(3, offsetCount);
        for (Session s : keyset.get().items()) {
            assertEquals(List.of(0, 1, 2), s.getInstances().stream().map(Instance::getInstanceId).toList());
            assertThrows(LazyInitializationException.class, () -> s.getMessages().size());
        }
        assertEquals(25, offset.get().items().stream().filter(s -> s.getInstances().size() == 3).count());
    }

    @Test
    void sessionsWithoutInstancesOrMessagesComeBackWithEmptyLoadedCollections() {
        repo.create(ws, graph("bare", 0, 0, T0));
        repo.create(ws, graph("full", 2, 3, T0.plusSeconds(1)));

        List<Session> all = repo.listAll(ws);

        assertEquals(List.of("full", "bare"), all.stream().map(Session::getId).toList());
        assertCompleteGraph(all.get(0), 2, 3);
        assertCompleteGraph(all.get(1), 0, 0);
    }
}
