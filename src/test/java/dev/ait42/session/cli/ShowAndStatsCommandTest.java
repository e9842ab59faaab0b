package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code show ID} and {@code stats}. */
class ShowAndStatsCommandTest {

    @TempDir
    static Path dir;
    static SampleHistory history;

    private final Cli cli = new Cli();

    @BeforeAll
    static void writeHistory() {
        history = SampleHistory.write(dir);
    }

    private String db() {
        return history.db().toString();
    }

    @Test
    void showJsonReturnsTheWholeSessionWithInstancesAndChatHistory() {
        JsonNode s = cli.json("show", "dark-mode", "--db", db(), "--json");

        assertEquals("dark-mode", s.get("id").asText());
        assertEquals(history.hashA(), s.get("workspace").asText());
        assertEquals("competition", s.get("type").asText());
        assertEquals("completed", s.get("status").asText());
        assertEquals("Add dark mode toggle to settings page", s.get("task").asText());
        assertEquals("2025-05-01T09:00:00.000Z", s.get("createdAt").asText());
        assertEquals("2025-05-01T10:05:00.000Z", s.get("updatedAt").asText());
        assertEquals("claude-sonnet-4", s.get("model").asText());
        assertEquals(0, s.get("winnerId").asInt());
        assertEquals(210, s.get("totalLinesAdded").asInt());

        JsonNode instances = s.get("instances");
        assertEquals(2, instances.size());
        assertEquals(0, instances.get(0).get("instanceId").asInt());
        assertEquals("frontend-developer", instances.get(0).get("agentName").asText());
        assertEquals("completed", instances.get(0).get("status").asText());
        assertEquals(6, instances.get(0).get("filesChanged").asInt());
        assertEquals("ui-designer", instances.get(1).get("agentName").asText());
        assertEquals("archived", instances.get(1).get("status").asText());
        assertEquals("codex", instances.get(1).get("runtime").asText());

        JsonNode chat = s.get("chatHistory");
        assertEquals(2, chat.size());
        assertEquals("msg-1", chat.get(0).get("id").asText());
        assertEquals("user", chat.get(0).get("role").asText());
        assertEquals("Persist the chosen theme in localStorage.", chat.get(0).get("content").asText());
        assertEquals("2025-05-01T09:00:00.000Z", chat.get(0).get("timestamp").asText());
        assertTrue(chat.get(0).get("instanceId").isNull());
        assertEquals("history-0-2", chat.get(1).get("id").asText());
        assertEquals("assistant", chat.get(1).get("role").asText());
        assertEquals("Theme is stored under key 'todo.theme'\nand read on startup.", chat.get(1).get("content").asText());
        assertEquals(0, chat.get(1).get("instanceId").asInt());
    }

    @Test
    void showTextPrintsTheSessionItsInstancesAndEveryMessageLine() {
        String text = cli.ok("show", "dark-mode", "--db", db());

        assertTrue(text.startsWith("dark-mode  competition  completed  workspace " + history.hashA()), text);
        assertTrue(text.contains("task:      Add dark mode toggle to settings page"), text);
        assertTrue(text.contains("frontend-developer") && text.contains("ui-designer"), text);
        assertTrue(text.contains("chat history:"), text);
        assertTrue(text.contains("] user:"), text);
        assertTrue(text.contains("    Persist the chosen theme in localStorage."), text);
        assertTrue(text.contains("] assistant (instance 0):"), text);
        assertTrue(text.contains("    Theme is stored under key 'todo.theme'\n    and read on startup."), text);
        assertTrue(text.indexOf("Persist the chosen") < text.indexOf("Theme is stored"), text);
    }

    @Test
    void showPrintsLocalTimesWithTheirOffsetOrUtcWithZ() {
        Times.zone(ZoneId.of("Asia/Tokyo"));
        try {
            String local = cli.ok("show", "dark-mode", "--db", db());
            assertTrue(local.contains("created:   2025-05-01 18:00:00+09:00   updated: 2025-05-01 19:05:00+09:00"
                    + "   completed: 2025-05-01 19:05:00+09:00"), local);
            assertTrue(local.contains("[2025-05-01 18:00:00+09:00] user:"), local);

            String utc = cli.ok("show", "dark-mode", "--db", db(), "--utc");
            assertTrue(utc.contains("created:   2025-05-01 09:00:00Z"), utc);
            assertTrue(utc.contains("[2025-05-01 09:01:00Z] assistant (instance 0):"), utc);
            assertFalse(utc.contains("+09:00"), utc);

            assertTrue(cli.ok("show", "dark-mode", "--db", db()).contains("+09:00"), "--utc lasts one command");
        } finally {
            Times.zone(null);
        }
    }

    @Test
    void showLeavesOutChangeCountsThatAreNotKnown() {
        String text = cli.ok("show", "dark-mode", "--db", db());

        assertTrue(text.lines().anyMatch(l -> l.contains("frontend-developer") && l.endsWith("  files 6")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("ui-designer") && l.endsWith("  no change counts")), text);
        assertFalse(text.contains("+-/--") || text.contains("files -"), text);
        assertEquals("files 3, lines +40/-2", ShowCommand.changes(3, 40, 2));
        assertEquals("lines -2", ShowCommand.changes(null, null, 2));
    }

    @Test
    void showOfAnUnknownIdFailsWithOneLineNamingTheId() {
        assertEquals(1, cli.run("show", "no-such-session", "--db", db()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("no-such-session"), cli::describe);
        assertEquals("", cli.out());

        assertEquals(1, cli.run("show", "no-such-session", "--db", db(), "--workspace", history.hashA()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("no-such-session"), cli::describe);
    }

    @Test
    void showOfAnIdInTwoWorkspacesAsksForWorkspace() {
        assertEquals(1, cli.run("show", "shared-id", "--db", db(), "--json"));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("--workspace"), cli::describe);
        assertTrue(cli.err().contains(history.hashA()) && cli.err().contains(SampleHistory.HASH_B), cli::describe);

        JsonNode inB = cli.json("show", "shared-id", "--db", db(), "--json", "--workspace", SampleHistory.HASH_B);
        assertEquals(SampleHistory.HASH_B, inB.get("workspace").asText());
        assertEquals("Shared id, second workspace: pick a logging library", inB.get("task").asText());

        JsonNode inA = cli.json("show", "shared-id", "--db", db(), "--json", "--workspace", history.folderA().toString());
        assertEquals(history.hashA(), inA.get("workspace").asText());
        assertEquals("Shared id, first workspace: tidy the logs", inA.get("task").asText());
    }

    @Test
    void showInAnUnknownWorkspaceFails() {
        assertEquals(1, cli.run("show", "dark-mode", "--db", db(), "--workspace", "0123456789abcdef"));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("0123456789abcdef"), cli::describe);
    }

    @Test
    void statsJsonCountsByStatusAndTypeWithSuccessRateAndTotals() {
        JsonNode all = cli.json("stats", "--db", db(), "--json");

        assertEquals(8, all.get("total").asLong());
        assertCounts(all.get("byStatus"), List.of("running", "completed", "failed", "paused"), List.of(2, 3, 2, 1));
        assertCounts(all.get("byType"), List.of("competition", "ensemble", "debate"), List.of(4, 2, 2));
        assertEquals(0.6, all.get("successRate").asDouble(), 1e-9);
        assertEquals(9660.0 / 7, all.get("averageDurationSeconds").asDouble(), 1e-6);
        assertEquals(25, all.get("filesChanged").asLong());
        assertEquals(240, all.get("linesAdded").asLong());
        assertEquals(20, all.get("linesDeleted").asLong());
    }

    @Test
    void statsApplyTheListingFilters() {
        JsonNode a = cli.json("stats", "--db", db(), "--json", "--workspace", history.hashA());
        assertEquals(5, a.get("total").asLong());
        assertCounts(a.get("byStatus"), List.of("running", "completed", "failed", "paused"), List.of(1, 2, 1, 1));
        assertEquals(2.0 / 3, a.get("successRate").asDouble(), 1e-9);

        JsonNode running = cli.json("stats", "--db", db(), "--json", "--status", "running");
        assertEquals(2, running.get("total").asLong());
        assertTrue(running.get("successRate").isNull(), "no completed or failed session: no rate");
        assertEquals(60.0, running.get("averageDurationSeconds").asDouble(), 1e-9);
    }

    @Test
    void statsTextShowsCountsAndSuccessRate() {
        String text = cli.ok("stats", "--db", db(), "--type", "competition");

        assertTrue(text.startsWith("sessions:      4"), text);
        assertTrue(text.contains("success rate:  67% (completed / (completed + failed))"), text);
        assertTrue(text.contains("files changed: 18, lines +240/-20"), text);
    }

    @Test
    void statsByRuntimeJsonIsAnArrayOfGroupsMostWinsFirst() {
        JsonNode groups = cli.json("stats", "--db", db(), "--json", "--by", "runtime");

        assertTrue(groups.isArray(), groups::toString);
        assertEquals(2, groups.size(), groups::toString);
        JsonNode claude = groups.get(0);
        assertEquals("claude", claude.get("group").asText());
        assertEquals(9, claude.get("runs").asLong(), "every instance but dark-mode's codex one");
        assertEquals(3, claude.get("competitions").asLong(), "dark-mode, deadlock-fix, cache-bust");
        assertEquals(1, claude.get("wins").asLong());
        assertEquals(1.0 / 3, claude.get("winRate").asDouble(), 1e-9);
        assertEquals(1, claude.get("completed").asLong());
        assertEquals(0, claude.get("failed").asLong());
        assertEquals(8, claude.get("other").asLong());
        assertEquals(0, claude.get("finished").asLong());
        assertTrue(claude.get("medianSeconds").isNull(), "no instance of the sample has an end time");
        assertTrue(claude.get("p90Seconds").isNull());
        assertEquals(6.0, claude.get("avgFilesChanged").asDouble(), 1e-9);
        assertTrue(claude.get("avgLinesAdded").isNull());
        JsonNode codex = groups.get(1);
        assertEquals("codex", codex.get("group").asText());
        assertEquals(1, codex.get("runs").asLong());
        assertEquals(1, codex.get("competitions").asLong());
        assertEquals(0, codex.get("wins").asLong());
        assertEquals(0.0, codex.get("winRate").asDouble(), 0.0);
        assertEquals(1, codex.get("other").asLong(), "the archived loser");
    }

    @Test
    void statsByModelPutsInstancesWithoutAModelInANullGroup() {
        JsonNode groups = cli.json("stats", "--db", db(), "--json", "--by", "MODEL");

        assertEquals(1, groups.size(), groups::toString);
        assertTrue(groups.get(0).get("group").isNull(), groups::toString);
        assertEquals(10, groups.get(0).get("runs").asLong());

        String text = cli.ok("stats", "--db", db(), "--by", "model");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("(unknown) ") && l.contains(" 10 ")), text);
    }

    @Test
    void statsByAgentTableAppliesTheFiltersAndAlignsWideNames() {
        String text = cli.ok("stats", "--db", db(), "--by", "agent", "--workspace", SampleHistory.HASH_B);

        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("AGENT ") && lines.get(0).contains("WINS"), text);
        assertTrue(lines.get(1).startsWith("performance-engineer "), "a competition entered before none: " + text);
        assertTrue(lines.get(2).startsWith("テクニカルライター "), text);
        assertEquals(Cli.displayWidth(lines.get(0)), Cli.displayWidth(lines.get(1)), text);
        assertEquals(Cli.displayWidth(lines.get(1)), Cli.displayWidth(lines.get(2)), text);
        assertTrue(lines.get(1).contains("0%") && lines.get(2).contains(" - "), text);
        assertEquals(4, lines.size(), "header, two groups, legend: " + text);
    }

    @Test
    void statsByAnUnknownGroupingIsAUsageErrorListingTheChoices() {
        Path missing = dir.resolve("never-created.db");

        assertEquals(2, cli.run("stats", "--db", missing.toString(), "--by", "colour"));
        cli.assertUsageError();
        assertTrue(cli.err().contains("colour") && cli.err().contains("runtime, model or agent"), cli::describe);
        assertFalse(Files.exists(missing), "a usage error must not create the database");
    }

    private static void assertCounts(JsonNode counts, List<String> keys, List<Integer> expected) {
        assertEquals(keys.size(), counts.size(), counts.toString());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(expected.get(i).longValue(), counts.get(keys.get(i)).asLong(), keys.get(i) + " in " + counts);
        }
    }
}
