package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics by runtime, model and agent on a history whose every answer is known:
 *
 * <pre>
 * session  type         status     winner  instances: runtime / model / agent, status, seconds (start..end), files +added -deleted
 * C1       competition  completed  0       0 claude/opus/alpha completed 100 f2 +10 -1 | 1 codex/gpt/beta archived 300 f4 +20 -3
 * C2       competition  completed  1       0 claude/opus/alpha archived 200 f6 | 1 codex/gpt/beta completed 400 | 2 claude/sonnet/gamma failed 50
 * C3       competition  running    -       0 claude/opus/alpha running (no end) | 1 -/-/"" idle (no times)
 * C4       competition  failed     -       0 gemini/-/gamma failed 30 (session model gemini-pro)
 * E1       ensemble     completed  0 (!)   0 codex/gpt/delta completed 500
 * D1       debate       completed  -       0 claude/-/proponent completed 1000 | 1 gemini/-/opponent completed 60 | 2 ""/-/"" paused (no end)
 * </pre>
 *
 * D1's three instances share one worktree and one tmux session, as every debate does. C1..C4
 * are created on consecutive days from 2025-05-01; E1 and D1 on 2025-05-10.
 */
class StatisticsByGroupTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    /** One expected row; null numbers are expected to be null. */
    private record Expected(String group, long runs, long competitions, long wins, Double winRate,
                            long completed, long failed, long other, long finished,
                            Double median, Double p90, Double files, Double added, Double deleted) {
    }

    @BeforeEach
    void writeHistory() {
        create(ws, session("C1", SessionType.COMPETITION, SessionStatus.COMPLETED, 0, 0),
                agent(0, "claude", "opus", "alpha", InstanceStatus.COMPLETED, 100L, i -> changes(i, 2, 10, 1)),
                agent(1, "codex", "gpt", "beta", InstanceStatus.ARCHIVED, 300L, i -> changes(i, 4, 20, 3)));
        create(ws, session("C2", SessionType.COMPETITION, SessionStatus.COMPLETED, 1, 1),
                agent(0, "claude", "opus", "alpha", InstanceStatus.ARCHIVED, 200L, i -> i.setFilesChanged(6)),
                agent(1, "codex", "gpt", "beta", InstanceStatus.COMPLETED, 400L, i -> { }),
                agent(2, "claude", "sonnet", "gamma", InstanceStatus.FAILED, 50L, i -> { }));
        create(ws, session("C3", SessionType.COMPETITION, SessionStatus.RUNNING, 2, null),
                agent(0, "claude", "opus", "alpha", InstanceStatus.RUNNING, null, i -> { }),
                agent(1, null, null, "", InstanceStatus.IDLE, null, i -> i.setStartTime(null)));
        Session c4 = session("C4", SessionType.COMPETITION, SessionStatus.FAILED, 3, null);
        c4.setModel("gemini-pro"); // not the instance's model: the MODEL grouping must not substitute it
        create(ws, c4, agent(0, "gemini", null, "gamma", InstanceStatus.FAILED, 30L, i -> { }));
        create(ws, session("E1", SessionType.ENSEMBLE, SessionStatus.COMPLETED, 9, 0),
                agent(0, "codex", "gpt", "delta", InstanceStatus.COMPLETED, 500L, i -> { }));
        Session debate = session("D1", SessionType.DEBATE, SessionStatus.COMPLETED, 9, null);
        List<Instance> debaters = List.of(
                agent(0, "claude", null, "proponent", InstanceStatus.COMPLETED, 1000L, i -> { }),
                agent(1, "gemini", null, "opponent", InstanceStatus.COMPLETED, 60L, i -> { }),
                agent(2, "", null, "", InstanceStatus.PAUSED, null, i -> { }));
        for (Instance i : debaters) {
            i.setWorktreePath("/tmp/worktrees/debate-d1");
            i.setTmuxSessionId("ait42-debate-d1");
        }
        create(ws, debate, debaters.toArray(Instance[]::new));
    }

    private static Session session(String id, SessionType type, SessionStatus status, int day, Integer winner) {
        Session s = new Session(id, type, "task " + id);
        s.setStatus(status);
        s.setCreatedAt(T0.plus(Duration.ofDays(day)));
        s.setUpdatedAt(T0.plus(Duration.ofDays(day)));
        s.setWinnerId(winner);
        return s;
    }

    /** An instance started an hour after its session's day began, ended {@code seconds} later (null: not ended). */
    private Instance agent(int n, String runtime, String model, String agentName, InstanceStatus status,
                           Long seconds, Consumer<Instance> more) {
        Instance i = new Instance(n);
        i.setWorktreePath("/tmp/worktrees/" + n);
        i.setBranch("ait42/" + n);
        i.setTmuxSessionId("ait42-" + n);
        i.setAgentName(agentName);
        i.setRuntime(runtime);
        i.setModel(model);
        i.setStatus(status);
        i.setStartTime(T0.plusSeconds(3600));
        if (seconds != null) {
            i.setEndTime(T0.plusSeconds(3600 + seconds));
        }
        more.accept(i);
        return i;
    }

    private static void changes(Instance i, int files, int added, int deleted) {
        i.setFilesChanged(files);
        i.setLinesAdded(added);
        i.setLinesDeleted(deleted);
    }

    private void create(String workspace, Session s, Instance... instances) {
        for (Instance i : instances) {
            s.addInstance(i);
        }
        repo.create(workspace, s);
    }

    private List<GroupStatistics> by(InstanceGrouping grouping) {
        return repo.statisticsBy(SessionQuery.inWorkspace(ws).build(), grouping);
    }

    private static void assertRows(List<Expected> expected, List<GroupStatistics> actual) {
        assertEquals(expected.stream().map(Expected::group).toList(), actual.stream().map(GroupStatistics::group).toList(),
                "groups in order: most wins, best win rate, name, unknown last");
        for (int n = 0; n < expected.size(); n++) {
            Expected e = expected.get(n);
            GroupStatistics a = actual.get(n);
            String g = "group " + e.group() + ": ";
            assertEquals(e.runs(), a.runs(), g + "runs");
            assertEquals(e.competitions(), a.competitions(), g + "competitions");
            assertEquals(e.wins(), a.wins(), g + "wins");
            assertNumber(e.winRate(), a.winRate(), g + "winRate");
            assertEquals(e.completed(), a.completed(), g + "completed");
            assertEquals(e.failed(), a.failed(), g + "failed");
            assertEquals(e.other(), a.other(), g + "other");
            assertEquals(e.finished(), a.finished(), g + "finished");
            assertNumber(e.median(), a.medianSeconds(), g + "median");
            assertNumber(e.p90(), a.p90Seconds(), g + "p90");
            assertNumber(e.files(), a.avgFilesChanged(), g + "avgFilesChanged");
            assertNumber(e.added(), a.avgLinesAdded(), g + "avgLinesAdded");
            assertNumber(e.deleted(), a.avgLinesDeleted(), g + "avgLinesDeleted");
        }
    }

    private static void assertNumber(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertEquals(expected, actual, 1e-9, what);
        }
    }

    // ---- every figure, per grouping ----

    @Test
    void byRuntimeEveryFigureWithTiesInWinsAndAnUnknownGroup() {
        assertRows(List.of(
                // codex and claude tie at one win: codex's 1 of 2 beats claude's 1 of 3
                new Expected("codex", 3, 2, 1, 0.5, 2, 0, 1, 3, 400.0, 500.0, 4.0, 20.0, 3.0),
                // C2 had two claude instances: one competition entered, not two
                new Expected("claude", 5, 3, 1, 1.0 / 3, 2, 1, 2, 4, 100.0, 1000.0, 4.0, 10.0, 1.0),
                // gemini and the unknown group tie on wins and rate: by name, unknown last
                new Expected("gemini", 2, 1, 0, 0.0, 1, 1, 0, 2, 30.0, 60.0, null, null, null),
                // no runtime (C3) and an empty one (D1) are the same unknown group
                new Expected(null, 2, 1, 0, 0.0, 0, 0, 2, 0, null, null, null, null, null)),
                by(InstanceGrouping.RUNTIME));
    }

    @Test
    void byAgentAWinnerOutsideACompetitionIsNoWinAndNoCompetitionMeansNoWinRate() {
        assertRows(List.of(
                new Expected("beta", 2, 2, 1, 0.5, 1, 0, 1, 2, 300.0, 400.0, 4.0, 20.0, 3.0),
                new Expected("alpha", 3, 3, 1, 1.0 / 3, 1, 0, 2, 2, 100.0, 200.0, 4.0, 10.0, 1.0),
                new Expected("gamma", 2, 2, 0, 0.0, 0, 2, 0, 2, 30.0, 50.0, null, null, null),
                new Expected(null, 2, 1, 0, 0.0, 0, 0, 2, 0, null, null, null, null, null),
                // E1 names instance 0 as winner, but an ensemble is no competition
                new Expected("delta", 1, 0, 0, null, 1, 0, 0, 1, 500.0, 500.0, null, null, null),
                new Expected("opponent", 1, 0, 0, null, 1, 0, 0, 1, 60.0, 60.0, null, null, null),
                new Expected("proponent", 1, 0, 0, null, 1, 0, 0, 1, 1000.0, 1000.0, null, null, null)),
                by(InstanceGrouping.AGENT));
    }

    @Test
    void byModelUsesTheInstancesModelNotTheSessions() {
        assertRows(List.of(
                new Expected("gpt", 3, 2, 1, 0.5, 2, 0, 1, 3, 400.0, 500.0, 4.0, 20.0, 3.0),
                new Expected("opus", 3, 3, 1, 1.0 / 3, 1, 0, 2, 2, 100.0, 200.0, 4.0, 10.0, 1.0),
                new Expected("sonnet", 1, 1, 0, 0.0, 0, 1, 0, 1, 50.0, 50.0, null, null, null),
                // C3's idle instance, C4's (session model gemini-pro) and D1's three
                new Expected(null, 5, 2, 0, 0.0, 2, 1, 2, 3, 60.0, 1000.0, null, null, null)),
                by(InstanceGrouping.MODEL));
    }

    @Test
    void aDebateWhoseInstancesShareAWorktreeCountsEveryInstance() {
        List<GroupStatistics> debate = repo.statisticsBy(
                SessionQuery.inWorkspace(ws).types(SessionType.DEBATE).build(), InstanceGrouping.AGENT);

        assertEquals(3, debate.size());
        assertEquals(3, debate.stream().mapToLong(GroupStatistics::runs).sum());
        assertTrue(debate.stream().allMatch(g -> g.competitions() == 0 && g.winRate() == null));
    }

    // ---- durations ----

    @Test
    void unfinishedInstancesAreRunsButNotDurations() {
        GroupStatistics claude = repo.statisticsBy(SessionQuery.inWorkspace(ws).types(SessionType.COMPETITION)
                .statuses(SessionStatus.RUNNING).build(), InstanceGrouping.RUNTIME).get(0);

        assertEquals("claude", claude.group());
        assertEquals(1, claude.runs());
        assertEquals(0, claude.finished(), "started, never ended");
        assertNull(claude.medianSeconds());
        assertNull(claude.p90Seconds());
    }

    @Test
    void percentilesAreNearestRankOverMillisecondDurations() {
        String other = repo.registerWorkspace(dir.resolve("timings")).getHash();
        Session s = session("timed", SessionType.ENSEMBLE, SessionStatus.COMPLETED, 0, null);
        for (int n = 0; n < 10; n++) {
            // 1.5 s, 2.5 s, ... 10.5 s, added in reverse so the order comes from the sort, not the insert
            Instance i = agent(n, "claude", null, "a" + n, InstanceStatus.COMPLETED, null, x -> { });
            i.setEndTime(i.getStartTime().plusMillis(10_500 - 1000L * n));
            s.addInstance(i);
        }
        Instance backwards = agent(10, "claude", null, "clock-skew", InstanceStatus.COMPLETED, null, x -> { });
        backwards.setEndTime(backwards.getStartTime().minusSeconds(5));
        s.addInstance(backwards);
        repo.create(other, s);

        GroupStatistics claude = repo.statisticsBy(SessionQuery.inWorkspace(other).build(), InstanceGrouping.RUNTIME)
                .get(0);

        assertEquals(11, claude.runs());
        assertEquals(10, claude.finished(), "an end before its start is no duration");
        assertEquals(5.5, claude.medianSeconds(), 1e-9, "rank ceil(0.5 * 10) = 5: the lower middle value");
        assertEquals(9.5, claude.p90Seconds(), 1e-9, "rank ceil(0.9 * 10) = 9");
    }

    @Test
    void nearestRankPercentilesOfSmallAndAwkwardCounts() {
        assertNull(Percentiles.nearestRank(new long[0], 50));
        assertEquals(7L, Percentiles.nearestRank(new long[] {7}, 50));
        assertEquals(7L, Percentiles.nearestRank(new long[] {7}, 90));
        assertEquals(20L, Percentiles.nearestRank(new long[] {10, 20, 30, 40}, 50));
        assertEquals(30L, Percentiles.nearestRank(new long[] {10, 20, 30}, 90));
        long[] twenty = new long[20];
        Arrays.setAll(twenty, n -> n + 1);
        // 0.9 * 20 is 18.000000000000004 in doubles: integer arithmetic keeps the rank at 18
        assertEquals(18L, Percentiles.nearestRank(twenty, 90));
        assertEquals(10L, Percentiles.nearestRank(twenty, 50));
    }

    // ---- filters ----

    @Test
    void theListingFiltersApplyToEveryFigure() {
        List<GroupStatistics> competitions = repo.statisticsBy(
                SessionQuery.inWorkspace(ws).types(SessionType.COMPETITION).build(), InstanceGrouping.RUNTIME);
        assertEquals(Arrays.asList("codex", "claude", "gemini", null),
                competitions.stream().map(GroupStatistics::group).toList());
        assertEquals(List.of(2L, 4L, 1L, 1L), competitions.stream().map(GroupStatistics::runs).toList(),
                "E1's codex and D1's instances are filtered out");
        assertEquals(3, competitions.get(1).competitions());

        List<GroupStatistics> decided = repo.statisticsBy(SessionQuery.inWorkspace(ws).types(SessionType.COMPETITION)
                .statuses(SessionStatus.COMPLETED).build(), InstanceGrouping.RUNTIME);
        assertEquals(List.of("claude", "codex"), decided.stream().map(GroupStatistics::group).toList(),
                "both 1 of 2 once C3 is filtered out: by name");
        assertEquals(0.5, decided.get(0).winRate(), 1e-9);
        assertEquals(3, decided.get(0).runs());

        List<GroupStatistics> firstTwoDays = repo.statisticsBy(SessionQuery.inWorkspace(ws)
                .createdBetween(T0, T0.plus(Duration.ofDays(2))).build(), InstanceGrouping.AGENT);
        assertEquals(List.of("alpha", "beta", "gamma"), firstTwoDays.stream().map(GroupStatistics::group).toList(),
                "C1 and C2 only (C3 is created as the range ends: half-open); alpha and beta tie at 1 of 2");
        assertEquals(2, firstTwoDays.get(0).competitions());
        assertEquals(0.5, firstTwoDays.get(0).winRate(), 1e-9);

        List<GroupStatistics> byText = repo.statisticsBy(SessionQuery.inWorkspace(ws).text("ponent").build(),
                InstanceGrouping.RUNTIME);
        assertEquals(3, byText.stream().mapToLong(GroupStatistics::runs).sum(),
                "the text matched an agent of D1: every instance of D1 counts, not only the matching ones");
    }

    @Test
    void otherWorkspacesAreLeftOutUnlessAllAreAsked() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        Session elsewhere = session("C1", SessionType.COMPETITION, SessionStatus.COMPLETED, 0, 0);
        create(other, elsewhere, agent(0, "codex", "gpt", "beta", InstanceStatus.COMPLETED, 10L, i -> { }));

        GroupStatistics mine = by(InstanceGrouping.RUNTIME).get(0);
        List<GroupStatistics> theirs = repo.statisticsBy(SessionQuery.inWorkspace(other).build(), InstanceGrouping.RUNTIME);
        GroupStatistics all = repo.statisticsBy(SessionQuery.allWorkspaces().build(), InstanceGrouping.RUNTIME).get(0);

        assertEquals(3, mine.runs());
        assertEquals(1, theirs.size());
        assertEquals(1, theirs.get(0).wins());
        assertEquals(1.0, theirs.get(0).winRate(), 0.0);
        assertEquals("codex", all.group());
        assertEquals(4, all.runs());
        assertEquals(3, all.competitions(), "the same session id in two workspaces is two competitions");
        assertEquals(2, all.wins());
    }

    @Test
    void noMatchingSessionGivesNoRows() {
        assertEquals(List.of(), repo.statisticsBy(SessionQuery.inWorkspace(ws).text("no such task").build(),
                InstanceGrouping.AGENT));
        String empty = repo.registerWorkspace(dir.resolve("empty")).getHash();
        assertEquals(List.of(), repo.statisticsBy(SessionQuery.inWorkspace(empty).build(), InstanceGrouping.MODEL));
    }

    // ---- bad input ----

    @Test
    void aNullQueryOrGroupingIsAValidationError() {
        ValidationException noQuery = assertThrows(ValidationException.class,
                () -> repo.statisticsBy(null, InstanceGrouping.RUNTIME));
        assertEquals("query", noQuery.field());
        ValidationException noGrouping = assertThrows(ValidationException.class,
                () -> repo.statisticsBy(SessionQuery.allWorkspaces().build(), null));
        assertEquals("by", noGrouping.field());
    }

    @Test
    void rowsComeInTheOrderOfTheirComparator() {
        List<GroupStatistics> rows = new ArrayList<>(by(InstanceGrouping.AGENT));
        List<GroupStatistics> sorted = new ArrayList<>(rows);
        sorted.sort(GroupStatistics.WINNERS_FIRST);
        assertEquals(sorted, rows);
    }
}
