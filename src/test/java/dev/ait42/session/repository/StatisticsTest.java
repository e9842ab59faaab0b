package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.TestReports;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics view: counts, success rate, average duration and change sums, computed in SQL. */
class StatisticsTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private int next;

    private Session save(String workspace, SessionType type, SessionStatus status, Long duration,
                         Integer files, Integer added, Integer deleted, Instant created) {
        Session s = new Session("s-" + next++, type, "task");
        s.setStatus(status);
        s.setCreatedAt(created);
        s.setUpdatedAt(created);
        s.setTotalDuration(duration);
        s.setTotalFilesChanged(files);
        s.setTotalLinesAdded(added);
        s.setTotalLinesDeleted(deleted);
        return repo.create(workspace, s);
    }

    private Session save(SessionType type, SessionStatus status) {
        return save(ws, type, status, null, null, null, null, T0);
    }

    private SessionStatistics stats() {
        return repo.statistics(SessionQuery.inWorkspace(ws).build());
    }

    @Test
    void countsEveryStatusAndTypeIncludingZeroes() {
        save(SessionType.COMPETITION, SessionStatus.COMPLETED);
        save(SessionType.COMPETITION, SessionStatus.COMPLETED);
        save(SessionType.COMPETITION, SessionStatus.RUNNING);
        save(SessionType.DEBATE, SessionStatus.FAILED);

        SessionStatistics s = stats();

        assertEquals(Map.of(SessionStatus.RUNNING, 1L, SessionStatus.COMPLETED, 2L,
                SessionStatus.FAILED, 1L, SessionStatus.PAUSED, 0L), s.byStatus());
        assertEquals(Map.of(SessionType.COMPETITION, 3L, SessionType.ENSEMBLE, 0L, SessionType.DEBATE, 1L),
                s.byType());
        assertEquals(4, s.total());
    }

    @Test
    void emptyWorkspaceHasZeroCountsAndNoRates() {
        SessionStatistics s = stats();

        assertEquals(EnumSet.allOf(SessionStatus.class), s.byStatus().keySet());
        assertEquals(EnumSet.allOf(SessionType.class), s.byType().keySet());
        assertTrue(s.byStatus().values().stream().allMatch(n -> n == 0));
        assertTrue(s.byType().values().stream().allMatch(n -> n == 0));
        assertEquals(0, s.total());
        assertNull(s.successRate());
        assertNull(s.averageDurationSeconds());
        assertEquals(0, s.filesChanged());
        assertEquals(0, s.linesAdded());
        assertEquals(0, s.linesDeleted());
    }

    @Test
    void successRateIsCompletedOverCompletedPlusFailedIgnoringRunningAndPaused() {
        for (int i = 0; i < 3; i++) {
            save(SessionType.COMPETITION, SessionStatus.COMPLETED);
        }
        save(SessionType.ENSEMBLE, SessionStatus.FAILED);
        save(SessionType.ENSEMBLE, SessionStatus.RUNNING);
        save(SessionType.ENSEMBLE, SessionStatus.RUNNING);
        save(SessionType.DEBATE, SessionStatus.PAUSED);

        assertEquals(0.75, stats().successRate(), 1e-9);
        assertEquals(7, stats().total());
    }

    @Test
    void successRateIsNullWhenNothingCompletedOrFailed() {
        save(SessionType.COMPETITION, SessionStatus.RUNNING);
        save(SessionType.COMPETITION, SessionStatus.PAUSED);

        assertNull(stats().successRate());
    }

    @Test
    void successRateIsZeroWithOnlyFailuresAndOneWithOnlyCompletions() {
        save(SessionType.COMPETITION, SessionStatus.FAILED);
        save(SessionType.COMPETITION, SessionStatus.RUNNING);
        assertEquals(0.0, stats().successRate(), 0.0);

        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        save(other, SessionType.DEBATE, SessionStatus.COMPLETED, null, null, null, null, T0);
        assertEquals(1.0, repo.statistics(SessionQuery.inWorkspace(other).build()).successRate(), 0.0);
    }

    @Test
    void averageDurationCountsOnlySessionsThatHaveADuration() {
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 10L, null, null, null, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 25L, null, null, null, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.RUNNING, null, null, null, null, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.RUNNING, 0L, null, null, null, T0);

        // (10 + 25 + 0) / 3, not / 4: the missing duration is not a zero
        assertEquals(35.0 / 3, stats().averageDurationSeconds(), 1e-9);
    }

    @Test
    void averageDurationIsNullWhenNoSessionHasOne() {
        save(SessionType.COMPETITION, SessionStatus.RUNNING);
        save(SessionType.DEBATE, SessionStatus.COMPLETED);

        assertNull(stats().averageDurationSeconds());
    }

    @Test
    void averageDurationIsNotTruncatedToWholeSeconds() {
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 1L, null, null, null, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 2L, null, null, null, T0);

        assertEquals(1.5, stats().averageDurationSeconds(), 1e-9);
    }

    @Test
    void changeSumsTreatMissingNumbersAsZero() {
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, null, 3, 120, 40, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, null, null, 80, null, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.FAILED, null, 7, null, 5, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.RUNNING, null, null, null, null, T0);

        SessionStatistics s = stats();

        assertEquals(10, s.filesChanged());
        assertEquals(200, s.linesAdded());
        assertEquals(45, s.linesDeleted());
    }

    @Test
    void changeSumsBeyondIntRangeDoNotOverflow() {
        for (int i = 0; i < 3; i++) {
            save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, null,
                    Integer.MAX_VALUE, Integer.MAX_VALUE, 1_000_000_000, T0);
        }

        SessionStatistics s = stats();

        assertEquals(3L * Integer.MAX_VALUE, s.filesChanged());
        assertEquals(3L * Integer.MAX_VALUE, s.linesAdded());
        assertEquals(3_000_000_000L, s.linesDeleted());
    }

    @Test
    void statisticsCoverOnlyTheQueriedWorkspaceOrAllOfThem() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 100L, 1, 10, 1, T0);
        save(other, SessionType.DEBATE, SessionStatus.FAILED, 300L, 2, 20, 2, T0);
        save(other, SessionType.DEBATE, SessionStatus.FAILED, null, 4, 40, 4, T0);

        SessionStatistics mine = stats();
        SessionStatistics theirs = repo.statistics(SessionQuery.inWorkspace(other).build());
        SessionStatistics all = repo.statistics(SessionQuery.allWorkspaces().build());

        assertEquals(1, mine.total());
        assertEquals(1.0, mine.successRate(), 0.0);
        assertEquals(100.0, mine.averageDurationSeconds(), 1e-9);
        assertEquals(1, mine.filesChanged());
        assertEquals(2, theirs.total());
        assertEquals(0.0, theirs.successRate(), 0.0);
        assertEquals(2L, theirs.byType().get(SessionType.DEBATE));
        assertEquals(0L, theirs.byType().get(SessionType.COMPETITION));
        assertEquals(60, theirs.linesAdded());
        assertEquals(3, all.total());
        assertEquals(1.0 / 3, all.successRate(), 1e-9);
        assertEquals(200.0, all.averageDurationSeconds(), 1e-9);
        assertEquals(7, all.filesChanged());
        assertEquals(70, all.linesAdded());
        assertEquals(7, all.linesDeleted());
    }

    @Test
    void statisticsRespectAHalfOpenCreatedRange() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(7));
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 1000L, 100, 100, 100, from.minusMillis(1));
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 10L, 1, 2, 3, from);
        save(ws, SessionType.ENSEMBLE, SessionStatus.FAILED, 20L, 4, 5, 6, to.minusMillis(1));
        save(ws, SessionType.DEBATE, SessionStatus.FAILED, 2000L, 200, 200, 200, to);

        SessionStatistics s = repo.statistics(SessionQuery.inWorkspace(ws).createdBetween(from, to).build());

        assertEquals(2, s.total());
        assertEquals(Map.of(SessionType.COMPETITION, 1L, SessionType.ENSEMBLE, 1L, SessionType.DEBATE, 0L), s.byType());
        assertEquals(0.5, s.successRate(), 1e-9);
        assertEquals(15.0, s.averageDurationSeconds(), 1e-9);
        assertEquals(5, s.filesChanged());
        assertEquals(7, s.linesAdded());
        assertEquals(9, s.linesDeleted());
    }

    @Test
    void statisticsApplyTypeStatusAndTextFiltersToEveryFigure() {
        Session match = new Session("match", SessionType.ENSEMBLE, "Migrate the database");
        match.setStatus(SessionStatus.COMPLETED);
        match.setTotalDuration(40L);
        match.setTotalFilesChanged(2);
        match.addInstance(instance(0, "db-expert"));
        match.addInstance(instance(1, "db-reviewer"));
        repo.create(ws, match);
        save(ws, SessionType.ENSEMBLE, SessionStatus.FAILED, 999L, 99, 99, 99, T0);
        save(ws, SessionType.COMPETITION, SessionStatus.COMPLETED, 999L, 99, 99, 99, T0);

        SessionStatistics byText = repo.statistics(SessionQuery.inWorkspace(ws).text("DB-").build());
        SessionStatistics byType = repo.statistics(SessionQuery.inWorkspace(ws).types(SessionType.ENSEMBLE)
                .statuses(SessionStatus.COMPLETED).build());

        for (SessionStatistics s : new SessionStatistics[]{byText, byType}) {
            assertEquals(1, s.total(), "a session with two matching agents is counted once");
            assertEquals(1L, s.byStatus().get(SessionStatus.COMPLETED));
            assertEquals(0L, s.byStatus().get(SessionStatus.FAILED));
            assertEquals(1.0, s.successRate(), 0.0);
            assertEquals(40.0, s.averageDurationSeconds(), 1e-9);
            assertEquals(2, s.filesChanged());
        }
    }

    @Test
    void statisticsTakeOneStatementWhateverTheNumberOfSessions() {
        SessionStatus[] statuses = SessionStatus.values();
        SessionType[] types = SessionType.values();
        for (int i = 0; i < 5; i++) {
            save(ws, types[i % 3], statuses[i % 4], (long) i, i, i, i, T0);
        }
        AtomicReference<SessionStatistics> small = new AtomicReference<>();
        long fewSessions = statementsDuring(() -> small.set(stats()));
        for (int i = 5; i < 80; i++) {
            Session s = new Session("graph-" + i, types[i % 3], "task");
            s.setStatus(statuses[i % 4]);
            s.addInstance(instance(0, "a"));
            s.addInstance(instance(1, "b"));
            repo.create(ws, s);
        }
        AtomicReference<SessionStatistics> large = new AtomicReference<>();
        long manySessions = statementsDuring(() -> large.set(stats()));
        long filtered = statementsDuring(() -> repo.statistics(SessionQuery.inWorkspace(ws).text("a")
                .runtime("claude").model("x").createdBetween(T0, null).build()));
        TestReports.write("statistics-statement-counts", "statements: statistics5=" + fewSessions + " statistics80=" + manySessions
                + " statisticsFiltered=" + filtered);

        assertEquals(1, fewSessions, "statistics took " + fewSessions);
        assertEquals(fewSessions, manySessions);
        assertEquals(1, filtered, "filtered statistics took " + filtered);
        assertEquals(5, small.get().total());
        assertEquals(80, large.get().total());
    }
}
