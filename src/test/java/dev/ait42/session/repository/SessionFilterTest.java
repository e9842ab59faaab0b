package dev.ait42.session.repository;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each filter of {@link SessionQuery}, alone and combined, against a real SQLite file. */
class SessionFilterTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    // ---- helpers ----

    private Session session(String id, SessionType type, SessionStatus status, String task, Instant created) {
        Session s = new Session(id, type, task);
        s.setStatus(status);
        s.setCreatedAt(created);
        s.setUpdatedAt(created);
        return s;
    }

    private Session save(Session s) {
        return repo.create(ws, s);
    }

    private Session save(String id, String task) {
        return save(session(id, SessionType.COMPETITION, SessionStatus.RUNNING, task, T0));
    }

    /** Ids an offset search returns (all on one page), as a set. */
    private Set<String> ids(SessionQuery.Builder query) {
        Page<Session> page = repo.search(query.build(), 0, 1000);
        Set<String> ids = page.items().stream().map(Session::getId).collect(Collectors.toSet());
        assertEquals(page.items().size(), ids.size(), "a session appears twice in " + page.items());
        assertEquals(ids.size(), page.totalElements(), "count query disagrees with the rows");
        return ids;
    }

    private SessionQuery.Builder inWs() {
        return SessionQuery.inWorkspace(ws);
    }

    private void seedTypesAndStatuses() {
        save(session("c-run", SessionType.COMPETITION, SessionStatus.RUNNING, "t", T0));
        save(session("c-done", SessionType.COMPETITION, SessionStatus.COMPLETED, "t", T0));
        save(session("e-fail", SessionType.ENSEMBLE, SessionStatus.FAILED, "t", T0));
        save(session("e-pause", SessionType.ENSEMBLE, SessionStatus.PAUSED, "t", T0));
        save(session("d-done", SessionType.DEBATE, SessionStatus.COMPLETED, "t", T0));
    }

    // ---- type and status ----

    @Test
    void noFilterMatchesEverySessionOfTheWorkspace() {
        seedTypesAndStatuses();

        assertEquals(Set.of("c-run", "c-done", "e-fail", "e-pause", "d-done"), ids(inWs()));
    }

    @Test
    void singleTypeMatchesOnlySessionsOfThatType() {
        seedTypesAndStatuses();

        assertEquals(Set.of("e-fail", "e-pause"), ids(inWs().types(SessionType.ENSEMBLE)));
        assertEquals(Set.of("d-done"), ids(inWs().types(SessionType.DEBATE)));
    }

    @Test
    void severalTypesMatchSessionsOfAnyOfThem() {
        seedTypesAndStatuses();

        assertEquals(Set.of("c-run", "c-done", "d-done"),
                ids(inWs().types(SessionType.COMPETITION, SessionType.DEBATE)));
        assertEquals(Set.of("c-run", "c-done", "d-done"),
                ids(inWs().types(SessionType.COMPETITION).types(List.of(SessionType.DEBATE))),
                "repeated types() calls add to the set");
    }

    @Test
    void statusesMatchSessionsInAnyOfTheGivenStatuses() {
        seedTypesAndStatuses();

        assertEquals(Set.of("c-done", "d-done"), ids(inWs().statuses(SessionStatus.COMPLETED)));
        assertEquals(Set.of("c-done", "d-done", "e-fail"),
                ids(inWs().statuses(SessionStatus.COMPLETED, SessionStatus.FAILED)));
    }

    @Test
    void typesAndStatusesTogetherMustBothMatch() {
        seedTypesAndStatuses();

        assertEquals(Set.of("c-done"),
                ids(inWs().types(SessionType.COMPETITION).statuses(SessionStatus.COMPLETED)));
        assertEquals(Set.of(),
                ids(inWs().types(SessionType.DEBATE).statuses(SessionStatus.FAILED)));
    }

    // ---- date ranges ----

    private void seedCreatedAround(Instant from, Instant to) {
        save(session("before", SessionType.COMPETITION, SessionStatus.RUNNING, "t", from.minusMillis(1)));
        save(session("at-from", SessionType.COMPETITION, SessionStatus.RUNNING, "t", from));
        save(session("inside", SessionType.COMPETITION, SessionStatus.RUNNING, "t", from.plus(Duration.ofHours(5))));
        save(session("just-before-to", SessionType.COMPETITION, SessionStatus.RUNNING, "t", to.minusMillis(1)));
        save(session("at-to", SessionType.COMPETITION, SessionStatus.RUNNING, "t", to));
        save(session("after", SessionType.COMPETITION, SessionStatus.RUNNING, "t", to.plus(Duration.ofDays(30))));
    }

    @Test
    void createdBetweenIncludesFromAndExcludesTo() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(1));
        seedCreatedAround(from, to);

        assertEquals(Set.of("at-from", "inside", "just-before-to"), ids(inWs().createdBetween(from, to)));
    }

    @Test
    void createdBetweenWithoutLowerBoundMatchesEverythingBeforeTo() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(1));
        seedCreatedAround(from, to);

        assertEquals(Set.of("before", "at-from", "inside", "just-before-to"), ids(inWs().createdBetween(null, to)));
    }

    @Test
    void createdBetweenWithoutUpperBoundMatchesEverythingFromFrom() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(1));
        seedCreatedAround(from, to);

        assertEquals(Set.of("at-from", "inside", "just-before-to", "at-to", "after"),
                ids(inWs().createdBetween(from, null)));
    }

    @Test
    void createdBetweenComparesInstantsNotLocalTextAcrossYears() {
        // Fixed-width UTC text must order like time, also across year and month boundaries.
        save(session("dec", SessionType.COMPETITION, SessionStatus.RUNNING, "t", Instant.parse("2024-12-31T23:59:59.999Z")));
        save(session("jan", SessionType.COMPETITION, SessionStatus.RUNNING, "t", Instant.parse("2025-01-01T00:00:00Z")));
        save(session("oct", SessionType.COMPETITION, SessionStatus.RUNNING, "t", Instant.parse("2025-10-01T00:00:00Z")));

        assertEquals(Set.of("jan", "oct"), ids(inWs().createdBetween(Instant.parse("2025-01-01T00:00:00Z"), null)));
        assertEquals(Set.of("dec", "jan"), ids(inWs().createdBetween(null, Instant.parse("2025-10-01T00:00:00Z"))));
        assertEquals(Set.of("oct"), ids(inWs().createdBetween(Instant.parse("2025-09-30T23:59:59.999Z"), null)));
    }

    @Test
    void createdBetweenWithSubMillisecondBoundsKeepsFromInclusiveAndToExclusive() {
        // Times are stored to the millisecond; bounds such as Instant.now() carry microseconds.
        Instant t = Instant.parse("2025-05-01T12:00:00.500Z");
        save(session("at-t", SessionType.COMPETITION, SessionStatus.RUNNING, "t", t));

        assertEquals(Set.of(), ids(inWs().createdBetween(t.plusNanos(1_000), null)),
                "t is before a from 1 microsecond later");
        assertEquals(Set.of("at-t"), ids(inWs().createdBetween(null, t.plusNanos(1_000))),
                "t is before a to 1 microsecond later");
        assertEquals(Set.of("at-t"), ids(inWs().createdBetween(t.minusNanos(1_000), null)));
        assertEquals(Set.of(), ids(inWs().createdBetween(null, t.minusNanos(1_000))));
        assertEquals(Set.of("at-t"), ids(inWs().updatedBetween(t.minusNanos(1), t.plusNanos(1))));
        assertEquals(Set.of(), ids(inWs().updatedBetween(t.plusNanos(1), t.plusNanos(2))));
    }

    @Test
    void updatedBetweenFiltersOnUpdatedAtNotCreatedAt() {
        Instant from = T0.plus(Duration.ofDays(10));
        Instant to = T0.plus(Duration.ofDays(11));
        String[] names = {"before", "at-from", "inside", "at-to"};
        Instant[] updated = {from.minusMillis(1), from, from.plusSeconds(60), to};
        for (int i = 0; i < names.length; i++) {
            // created far outside the range, so only updatedAt can put a session inside it
            Session s = session(names[i], SessionType.COMPETITION, SessionStatus.RUNNING, "t", T0);
            s.setUpdatedAt(updated[i]);
            save(s);
        }

        assertEquals(Set.of("at-from", "inside"), ids(inWs().updatedBetween(from, to)));
        assertEquals(Set.of("before", "at-from", "inside"), ids(inWs().updatedBetween(null, to)));
        assertEquals(Set.of("at-from", "inside", "at-to"), ids(inWs().updatedBetween(from, null)));
        assertEquals(Set.of(), ids(inWs().createdBetween(from, to)));
    }

    @Test
    void emptyOrInvertedRangesAreRejected() {
        Instant t = T0;
        assertThrows(ValidationException.class, () -> inWs().createdBetween(t, t).build());
        assertThrows(ValidationException.class, () -> inWs().createdBetween(t.plusSeconds(1), t).build());
        assertThrows(ValidationException.class, () -> inWs().updatedBetween(t, t).build());
        ValidationException e = assertThrows(ValidationException.class,
                () -> inWs().updatedBetween(t.plusMillis(1), t).build());
        assertEquals("updatedBetween", e.field());
    }

    // ---- model and runtime ----

    @Test
    void modelMatchesTheSessionModelOrAnyInstanceModelExactly() {
        save("no-model", "t");
        Session sessionModel = session("session-model", SessionType.COMPETITION, SessionStatus.RUNNING, "t", T0);
        sessionModel.setModel("claude-opus");
        save(sessionModel);
        Session instanceModel = session("instance-model", SessionType.ENSEMBLE, SessionStatus.RUNNING, "t", T0);
        instanceModel.setModel("gpt-5");
        Instance a = instance(0, "alpha");
        a.setModel("gpt-5");
        Instance b = instance(1, "beta");
        b.setModel("claude-opus");
        instanceModel.addInstance(a);
        instanceModel.addInstance(b);
        save(instanceModel);
        Session longer = session("longer-model", SessionType.COMPETITION, SessionStatus.RUNNING, "t", T0);
        longer.setModel("claude-opus-4");
        Instance c = instance(0, "gamma");
        c.setModel("claude-opus-4");
        longer.addInstance(c);
        save(longer);

        assertEquals(Set.of("session-model", "instance-model"), ids(inWs().model("claude-opus")));
        assertEquals(Set.of("instance-model"), ids(inWs().model("gpt-5")));
        assertEquals(Set.of(), ids(inWs().model("claude")), "model is an exact match, not a substring");
    }

    private Session withRuntimes(String id, List<String> mix, String... instanceRuntimes) {
        Session s = session(id, SessionType.COMPETITION, SessionStatus.RUNNING, "t", T0);
        s.setRuntimeMix(mix);
        for (int i = 0; i < instanceRuntimes.length; i++) {
            Instance inst = instance(i, "agent-" + i);
            inst.setRuntime(instanceRuntimes[i]);
            s.addInstance(inst);
        }
        return save(s);
    }

    @Test
    void runtimeMatchesAnElementOfTheRuntimeMixOrAnyInstanceRuntime() {
        withRuntimes("mix-only", List.of("codex", "claude"));
        withRuntimes("instance-only", null, "gemini", "claude");
        withRuntimes("neither", List.of("codex"), "gemini");

        assertEquals(Set.of("mix-only", "instance-only"), ids(inWs().runtime("claude")));
        assertEquals(Set.of("mix-only", "neither"), ids(inWs().runtime("codex")));
        assertEquals(Set.of("instance-only", "neither"), ids(inWs().runtime("gemini")));
    }

    @Test
    void runtimeDoesNotMatchRuntimesThatMerelyContainIt() {
        withRuntimes("claude-2", List.of("claude-2", "xclaude"), "claude-2", "claude code");
        withRuntimes("exact", List.of("claude"));

        assertEquals(Set.of("exact"), ids(inWs().runtime("claude")));
        assertEquals(Set.of("claude-2"), ids(inWs().runtime("claude-2")));
        assertEquals(Set.of(), ids(inWs().runtime("laude")));
    }

    @Test
    void runtimeWildcardsAndQuotesMatchOnlyThemselves() {
        withRuntimes("plain", List.of("claude", "codex"), "claude");
        withRuntimes("odd", List.of("c%x", "a_b"));

        assertEquals(Set.of(), ids(inWs().runtime("c%")));
        assertEquals(Set.of(), ids(inWs().runtime("cl_ude")));
        assertEquals(Set.of("odd"), ids(inWs().runtime("c%x")));
        assertEquals(Set.of("odd"), ids(inWs().runtime("a_b")));
        // a value that would close one JSON string and open the next must not span two elements
        assertEquals(Set.of(), ids(inWs().runtime("claude\",\"codex")));
    }

    // ---- text ----

    @Test
    void textMatchesTaskCaseInsensitively() {
        save("s1", "Add Dark Mode toggle to the settings page");
        save("s2", "Fix login bug");

        assertEquals(Set.of("s1"), ids(inWs().text("dark mode")));
        assertEquals(Set.of("s1"), ids(inWs().text("DARK MODE")));
        assertEquals(Set.of("s1"), ids(inWs().text("  mode TOGGLE  ")), "surrounding blanks are stripped");
        assertEquals(Set.of(), ids(inWs().text("dark  mode")));
    }

    @Test
    void textMatchesTheSessionIdCaseInsensitively() {
        save("debate-77aa", "unrelated");
        save("competition-1", "unrelated");

        assertEquals(Set.of("debate-77aa"), ids(inWs().text("DEBATE-77")));
        assertEquals(Set.of("debate-77aa"), ids(inWs().text("77AA")));
    }

    @Test
    void textMatchesAnyInstanceAgentNameAndListsTheSessionOnce() {
        Session s = session("agents", SessionType.ENSEMBLE, SessionStatus.RUNNING, "unrelated", T0);
        s.addInstance(instance(0, "Frontend-Developer"));
        s.addInstance(instance(1, "frontend-reviewer"));
        s.addInstance(instance(2, "backend-developer"));
        save(s);
        Session other = session("other", SessionType.ENSEMBLE, SessionStatus.RUNNING, "unrelated", T0);
        other.addInstance(instance(0, "tester"));
        save(other);

        assertEquals(Set.of("agents"), ids(inWs().text("FRONTEND")), "two matching agents, one session");
        assertEquals(Set.of("agents"), ids(inWs().text("backend-dev")));
        assertEquals(Set.of("other"), ids(inWs().text("Tester")));
        assertEquals(1, repo.search(inWs().text("developer").build(), 0, 10).totalElements());
    }

    @Test
    void percentInTextMatchesOnlyALiteralPercent() {
        save("literal", "reach 100% test coverage");
        save("digits", "process 1000 items");
        save("other", "100 items");

        assertEquals(Set.of("literal"), ids(inWs().text("100%")));
        assertEquals(Set.of(), ids(inWs().text("1%0")));
    }

    @Test
    void percentAloneIsNotAWildcard() {
        save("literal", "reach 100% test coverage");
        save("digits", "process 1000 items");

        assertEquals(Set.of("literal"), ids(inWs().text("%")));
    }

    @Test
    void underscoreInTextMatchesOnlyALiteralUnderscore() {
        save("literal", "rename a_b to snake case");
        save("any-char", "rename axb to snake case");

        assertEquals(Set.of("literal"), ids(inWs().text("a_b")));
        assertEquals(Set.of("literal"), ids(inWs().text("_")));
    }

    @Test
    void backslashInTextMatchesOnlyALiteralBackslash() {
        save("windows", "fix C:\\temp\\out path");
        save("no-slash", "fix C:tempout path");
        save("escaped-percent", "literal \\% in a format string");
        save("bare-percent", "literal % in a format string");

        assertEquals(Set.of("windows"), ids(inWs().text("C:\\temp")));
        assertEquals(Set.of("windows", "escaped-percent"), ids(inWs().text("\\")));
        assertEquals(Set.of("escaped-percent"), ids(inWs().text("\\%")));
    }

    @Test
    void singleQuoteInTextIsMatchedLiterally() {
        save("quote", "don't break the build");
        save("plain", "dont break the build");

        assertEquals(Set.of("quote"), ids(inWs().text("don't")));
    }

    @Test
    void japaneseTextMatchesAsASubstring() {
        save("ja", "設定画面にダークモードを追加する");
        save("ja-other", "ログイン画面のバグを修正");
        save("en", "Add dark mode");

        assertEquals(Set.of("ja"), ids(inWs().text("ダークモード")));
        assertEquals(Set.of("ja", "ja-other"), ids(inWs().text("画面")));
        assertEquals(Set.of(), ids(inWs().text("ダークモードを削除")));
    }

    @Test
    void blankTextIsNoFilter() {
        save("a", "one");
        save("b", "two");

        assertEquals(Set.of("a", "b"), ids(inWs().text("   ")));
        assertEquals(Set.of("a", "b"), ids(inWs().text(null)));
    }

    // ---- combinations and scope ----

    @Test
    void allFiltersCombinedMustAllMatch() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(7));
        Session match = session("match", SessionType.DEBATE, SessionStatus.COMPLETED, "Refactor the parser", T0.plusSeconds(10));
        match.setModel("opus");
        match.setRuntimeMix(List.of("claude", "codex"));
        save(match);
        // each of these misses exactly one filter
        Session wrongType = session("wrong-type", SessionType.ENSEMBLE, SessionStatus.COMPLETED, "Refactor the parser", T0.plusSeconds(10));
        wrongType.setModel("opus");
        wrongType.setRuntimeMix(List.of("claude"));
        save(wrongType);
        Session wrongStatus = session("wrong-status", SessionType.DEBATE, SessionStatus.RUNNING, "Refactor the parser", T0.plusSeconds(10));
        wrongStatus.setModel("opus");
        wrongStatus.setRuntimeMix(List.of("claude"));
        save(wrongStatus);
        Session wrongDate = session("wrong-date", SessionType.DEBATE, SessionStatus.COMPLETED, "Refactor the parser", to);
        wrongDate.setModel("opus");
        wrongDate.setRuntimeMix(List.of("claude"));
        save(wrongDate);
        Session wrongModel = session("wrong-model", SessionType.DEBATE, SessionStatus.COMPLETED, "Refactor the parser", T0.plusSeconds(10));
        wrongModel.setModel("sonnet");
        wrongModel.setRuntimeMix(List.of("claude"));
        save(wrongModel);
        Session wrongRuntime = session("wrong-runtime", SessionType.DEBATE, SessionStatus.COMPLETED, "Refactor the parser", T0.plusSeconds(10));
        wrongRuntime.setModel("opus");
        wrongRuntime.setRuntimeMix(List.of("gemini"));
        save(wrongRuntime);
        Session wrongText = session("wrong-text", SessionType.DEBATE, SessionStatus.COMPLETED, "Rewrite the lexer", T0.plusSeconds(10));
        wrongText.setModel("opus");
        wrongText.setRuntimeMix(List.of("claude"));
        save(wrongText);

        SessionQuery.Builder all = inWs().types(SessionType.DEBATE, SessionType.COMPETITION)
                .statuses(SessionStatus.COMPLETED)
                .createdBetween(from, to)
                .updatedBetween(from, to)
                .model("opus")
                .runtime("claude")
                .text("PARSER");

        assertEquals(Set.of("match"), ids(all));
        assertEquals(1, repo.statistics(all.build()).total());
    }

    @Test
    void inWorkspaceSeesOnlyItsOwnSessionsAndAllWorkspacesSeesEveryOne() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        save("mine", "shared words");
        repo.create(other, session("theirs", SessionType.COMPETITION, SessionStatus.RUNNING, "shared words", T0));
        // the same id in two workspaces is two sessions
        repo.create(other, session("mine", SessionType.COMPETITION, SessionStatus.RUNNING, "shared words", T0));

        assertEquals(Set.of("mine"), ids(inWs().text("shared")));
        assertEquals(Set.of("mine", "theirs"), ids(SessionQuery.inWorkspace(other).text("shared")));
        Page<Session> everywhere = repo.search(SessionQuery.allWorkspaces().text("shared").build(), 0, 100);
        assertEquals(3, everywhere.totalElements());
        assertEquals(Set.of(ws, other), everywhere.items().stream().map(s -> s.getWorkspace().getHash())
                .collect(Collectors.toSet()));
    }

    @Test
    void nullInTypesOrStatusesIsRejected() {
        assertThrows(ValidationException.class, () -> inWs().types(SessionType.COMPETITION, null));
        assertThrows(ValidationException.class, () -> inWs().types(Arrays.asList((SessionType) null)));
        assertThrows(ValidationException.class, () -> inWs().types((List<SessionType>) null));
        ValidationException e = assertThrows(ValidationException.class,
                () -> inWs().statuses(SessionStatus.RUNNING, null));
        assertEquals("statuses", e.field());
    }

    @Test
    void malformedWorkspaceHashIsRejected() {
        assertThrows(ValidationException.class, () -> SessionQuery.inWorkspace("not-a-hash"));
        assertThrows(ValidationException.class, () -> SessionQuery.inWorkspace(null));
        assertThrows(ValidationException.class, () -> SessionQuery.inWorkspace(ws.toUpperCase()));
    }

    // ---- values are bound, never concatenated ----

    /** Records every SQL text Hibernate prepares. */
    static final class RecordingInspector implements StatementInspector {
        final List<String> sql = new CopyOnWriteArrayList<>();

        @Override
        public String inspect(String statement) {
            sql.add(statement);
            return statement;
        }
    }

    @Test
    void filterValuesAreBoundParametersNotSqlText() {
        // a store of our own (closed by the base class), on its own file
        closeStore();
        dbFile = dir.resolve("inspected.db");
        RecordingInspector inspector = new RecordingInspector();
        open(java.util.Map.of("hibernate.session_factory.statement_inspector", inspector));
        ws = repo.registerWorkspace(dir.resolve("project-inspected")).getHash();
        save("victim", "an innocent task");
        inspector.sql.clear();

        String attack = "zz'; DROP TABLE sessions; --";
        SessionQuery q = inWs().text(attack).model(attack).runtime(attack).build();
        Page<Session> page = repo.search(q, 0, 10);
        KeysetPage<Session> keyset = repo.searchKeyset(q, null, 10);
        SessionStatistics stats = repo.statistics(q);

        assertTrue(page.items().isEmpty());
        assertEquals(0, page.totalElements());
        assertTrue(keyset.items().isEmpty());
        assertEquals(0, stats.total());
        assertFalse(inspector.sql.isEmpty(), "the inspector saw no SQL: is it installed?");
        assertTrue(inspector.sql.stream().anyMatch(sql -> sql.contains("?")), "no bound parameters seen");
        for (String sql : inspector.sql) {
            assertFalse(sql.contains("zz'"), "user text reached the SQL: " + sql);
            assertFalse(sql.toUpperCase().contains("DROP TABLE"), "user text reached the SQL: " + sql);
        }
        assertEquals(1, countRows(onPostgresql()
                ? "select count(*) from information_schema.tables where table_schema = current_schema() and table_name = 'sessions'"
                : "select count(*) from sqlite_master where type = 'table' and name = 'sessions'"));
        assertEquals(1, countRows("select count(*) from sessions"));
        assertEquals(Set.of("victim"), ids(inWs()));
    }
}
