package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ait42.session.cli.Cli.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code list}: filters, sort orders, keyset pages and the text table. */
class ListCommandTest {

    @TempDir
    static Path dir;
    static SampleHistory history;

    private final Cli cli = new Cli();

    @BeforeAll
    static void writeHistory() {
        history = SampleHistory.write(dir);
    }

    @AfterEach
    void machineZone() {
        Times.zone(null);
    }

    private List<String> list(String... options) {
        List<String> args = new ArrayList<>(List.of("list", "--db", history.db().toString(), "--json"));
        args.addAll(List.of(options));
        JsonNode doc = cli.json(args.toArray(String[]::new));
        return ids(doc.get("sessions"));
    }

    private static Set<String> set(String... labels) {
        return Set.of(labels);
    }

    @Test
    void jsonListsEverySessionOfEveryWorkspaceWithItsSummaryFields() {
        JsonNode doc = cli.json("list", "--db", history.db().toString(), "--json");

        assertEquals(Set.copyOf(SampleHistory.ALL), Set.copyOf(ids(doc.get("sessions"))));
        assertEquals(8, doc.get("sessions").size());
        assertTrue(doc.get("nextCursor").isNull(), cli::describe);
        JsonNode dark = null;
        for (JsonNode s : doc.get("sessions")) {
            if (s.get("id").asText().equals("dark-mode")) {
                dark = s;
            }
        }
        assertEquals(history.hashA(), dark.get("workspace").asText());
        assertEquals("competition", dark.get("type").asText());
        assertEquals("completed", dark.get("status").asText());
        assertEquals("Add dark mode toggle to settings page", dark.get("task").asText());
        assertEquals("2025-05-01T09:00:00.000Z", dark.get("createdAt").asText());
        assertEquals("2025-05-01T10:05:00.000Z", dark.get("completedAt").asText());
        assertEquals(3900, dark.get("totalDuration").asLong());
        assertEquals(List.of("claude", "codex"), List.of(dark.get("runtimeMix").get(0).asText(),
                dark.get("runtimeMix").get(1).asText()));
        assertEquals(0, dark.get("winnerId").asInt());
        assertFalse(dark.has("instances") || dark.has("chatHistory"), "a listing holds summaries only");
    }

    @Test
    void workspaceFilterAcceptsTheHashOrTheFolderPath() {
        Set<String> inA = set("dark-mode", "debate-77aa", "token-rotation", "deadlock-fix", "shared-id@A");

        assertEquals(inA, Set.copyOf(list("--workspace", history.hashA())));
        assertEquals(inA, Set.copyOf(list("--workspace", history.folderA().toString())));
        assertEquals(set("shared-id@B", "docs-ja", "cache-bust"), Set.copyOf(list("--workspace", SampleHistory.HASH_B)));
    }

    @Test
    void typeFilterTakesCommaSeparatedOrRepeatedValues() {
        Set<String> debatesAndEnsembles = set("debate-77aa", "shared-id@B", "token-rotation", "docs-ja");

        assertEquals(debatesAndEnsembles, Set.copyOf(list("--type", "debate,ensemble")));
        assertEquals(debatesAndEnsembles, Set.copyOf(list("--type", "debate", "--type", "ensemble")));
        assertEquals(set("dark-mode", "deadlock-fix", "shared-id@A", "cache-bust"), Set.copyOf(list("--type", "competition")));
    }

    @Test
    void statusFilterTakesCommaSeparatedOrRepeatedValues() {
        Set<String> finished = set("dark-mode", "shared-id@A", "docs-ja", "deadlock-fix", "shared-id@B");

        assertEquals(finished, Set.copyOf(list("--status", "completed,failed")));
        assertEquals(finished, Set.copyOf(list("--status", "completed", "--status", "failed")));
        assertEquals(set("debate-77aa"), Set.copyOf(list("--status", "paused")));
    }

    @Test
    void filtersCombineWithAnd() {
        assertEquals(set("dark-mode", "shared-id@A"), Set.copyOf(list("--workspace", history.hashA(),
                "--type", "competition", "--status", "completed")));
    }

    @Test
    void sinceIsInclusiveAndUntilExclusiveForDatesAndTimesWithOffsets() {
        // token-rotation was created exactly at 2025-05-03T00:00Z
        assertEquals(set("token-rotation", "deadlock-fix"), Set.copyOf(list("--since", "2025-05-03", "--until", "2025-05-05")));
        assertEquals(set("token-rotation", "deadlock-fix"),
                Set.copyOf(list("--since", "2025-05-03T09:00:00+09:00", "--until", "2025-05-05T00:00:00Z")));
        assertEquals(set("dark-mode", "debate-77aa"), Set.copyOf(list("--until", "2025-05-03T09:00:00+09:00")));
        assertEquals(set("docs-ja", "cache-bust"), Set.copyOf(list("--since", "2025-05-07")));
    }

    @Test
    void textMatchesTaskIdOrAgentNameIgnoringAsciiCase() {
        assertEquals(set("deadlock-fix"), Set.copyOf(list("--text", "DEADLOCK")));
        assertEquals(set("token-rotation"), Set.copyOf(list("--text", "トークン")));
        assertEquals(set("dark-mode"), Set.copyOf(list("--text", "ui-designer")));
        assertEquals(set("debate-77aa"), Set.copyOf(list("--text", "77aa")));
        assertEquals(List.of(), list("--text", "nothing like this"));
    }

    @Test
    void sortsDescendingByDefaultAndAscendingWithAsc() {
        List<String> byUpdated = List.of("token-rotation", "cache-bust", "docs-ja", "shared-id@B", "shared-id@A",
                "deadlock-fix", "debate-77aa", "dark-mode");
        List<String> byCreated = List.of("cache-bust", "docs-ja", "shared-id@B", "shared-id@A", "deadlock-fix",
                "token-rotation", "debate-77aa", "dark-mode");
        // sessions without a duration or file count sort as the smallest
        List<String> byDuration = List.of("dark-mode", "docs-ja", "debate-77aa", "shared-id@B", "deadlock-fix",
                "shared-id@A", "cache-bust", "token-rotation");
        List<String> byFiles = List.of("cache-bust", "dark-mode", "docs-ja", "shared-id@B", "deadlock-fix",
                "shared-id@A", "debate-77aa", "token-rotation");

        assertEquals(byUpdated, list());
        assertEquals(byUpdated, list("--sort", "updated"));
        assertEquals(byCreated, list("--sort", "created"));
        assertEquals(byDuration, list("--sort", "duration"));
        assertEquals(byFiles, list("--sort", "files"));

        assertEquals(reversed(byCreated), list("--sort", "created", "--asc"));
        assertEquals(reversed(byDuration), list("--sort", "duration", "--asc"));
        assertEquals(reversed(byUpdated), list("--asc"));
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void followingNextCursorWalksEveryPageOnceInOrder() {
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            List<String> args = new ArrayList<>(List.of("list", "--db", history.db().toString(), "--json",
                    "--sort", "created", "--asc", "--limit", "3"));
            if (cursor != null) {
                args.addAll(List.of("--cursor", cursor));
            }
            JsonNode doc = cli.json(args.toArray(String[]::new));
            List<String> page = ids(doc.get("sessions"));
            seen.addAll(page);
            sizes.add(page.size());
            cursor = doc.get("nextCursor").isNull() ? null : doc.get("nextCursor").asText();
            assertTrue(++pages <= 4, "the walk does not end: " + seen);
        } while (cursor != null);

        assertEquals(List.of(3, 3, 2), sizes);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "duplicates: " + seen);
        assertEquals(List.of("dark-mode", "debate-77aa", "token-rotation", "deadlock-fix", "shared-id@A",
                "shared-id@B", "docs-ja", "cache-bust"), seen);
    }

    @Test
    void pagingKeepsTheFilters() {
        JsonNode first = cli.json("list", "--db", history.db().toString(), "--json", "--status", "completed,failed",
                "--limit", "2");
        JsonNode rest = cli.json("list", "--db", history.db().toString(), "--json", "--status", "completed,failed",
                "--limit", "10", "--cursor", first.get("nextCursor").asText());

        List<String> all = new ArrayList<>(ids(first.get("sessions")));
        all.addAll(ids(rest.get("sessions")));
        assertEquals(List.of("docs-ja", "shared-id@B", "shared-id@A", "deadlock-fix", "dark-mode"), all);
        assertTrue(rest.get("nextCursor").isNull(), cli::describe);
    }

    @Test
    void textTablePrintsTheNextPageCursorThatJsonAccepts() {
        String table = cli.ok("list", "--db", history.db().toString(), "--limit", "3");
        Matcher next = Pattern.compile("(?m)^next page: --cursor (\\S+)$").matcher(table);
        assertTrue(next.find(), table);

        JsonNode page2 = cli.json("list", "--db", history.db().toString(), "--json", "--limit", "3", "--cursor",
                next.group(1));
        assertEquals(List.of("shared-id@B", "shared-id@A", "deadlock-fix"), ids(page2.get("sessions")));
    }

    @Test
    void textTableHasEveryIdAndAlignedColumnsEvenWithJapaneseText() {
        Times.zone(ZoneOffset.UTC); // whatever this machine's zone: the times below are UTC
        String table = cli.ok("list", "--db", history.db().toString());
        List<String> lines = table.lines().toList();

        assertEquals(9, lines.size(), table);
        String header = lines.get(0);
        assertTrue(header.startsWith("WORKSPACE") && header.contains("ID") && header.contains("TYPE") && header.contains("STATUS")
                && header.contains("CREATED") && header.endsWith("TASK"), header);
        int createdColumn = Cli.displayWidth(header.substring(0, header.indexOf("CREATED")));
        int agentsColumn = Cli.displayWidth(header.substring(0, header.indexOf("AGENTS")));
        int taskColumn = Cli.displayWidth(header.substring(0, header.indexOf("TASK")));

        List<String> tasks = List.of("Add dark mode", "REST or GraphQL", "認証サービス", "Fix the deadlock",
                "Shared id, first", "Shared id, second", "日本語ドキュメント", "Cache invalidation");
        List<String> ids = List.of("dark-mode", "debate-77aa", "token-rotation", "deadlock-fix", "shared-id",
                "shared-id", "docs-ja", "cache-bust");
        List<String> agents = List.of("frontend-developer", "proponent", "バックエンド開発者", "backend-developer", "",
                "", "テクニカルライター", "performance-engineer");
        for (String line : lines.subList(1, lines.size())) {
            int row = -1;
            for (int i = 0; i < tasks.size(); i++) {
                if (line.contains(tasks.get(i))) {
                    row = i;
                }
            }
            assertTrue(row >= 0, "a row with an unknown task: " + line);
            assertTrue(line.matches("[0-9a-f]{16} " + ids.get(row) + " .*"), line);
            assertEquals(taskColumn, Cli.displayWidth(line.substring(0, line.indexOf(tasks.get(row)))),
                    "TASK column of\n" + header + "\n" + line);
            assertEquals(createdColumn, Cli.displayWidth(line.substring(0, line.indexOf("2025-05-0"))),
                    "CREATED column of\n" + header + "\n" + line);
            if (!agents.get(row).isEmpty()) {
                assertEquals(agentsColumn, Cli.displayWidth(line.substring(0, line.indexOf(agents.get(row)))),
                        "AGENTS column of\n" + header + "\n" + line);
            }
        }
        assertTrue(table.contains("2025-05-03 00:00"), table);
        assertFalse(table.contains("next page"), table);
    }

    @Test
    void listOverAllWorkspacesNamesEachSessionsWorkspaceAndOneWorkspaceDoesNot() {
        List<String> all = cli.ok("list", "--db", history.db().toString()).lines().toList();

        assertTrue(all.get(0).startsWith("WORKSPACE "), all.get(0));
        assertTrue(all.stream().anyMatch(l -> l.startsWith(history.hashA() + " shared-id ")), all.toString());
        assertTrue(all.stream().anyMatch(l -> l.startsWith(SampleHistory.HASH_B + " shared-id ")), all.toString());

        String one = cli.ok("list", "--db", history.db().toString(), "--workspace", SampleHistory.HASH_B);
        assertTrue(one.startsWith("ID "), one);
        assertFalse(one.contains(SampleHistory.HASH_B), one);
    }

    @Test
    void createdTimesAreLocalWithTheirOffsetOrUtcWithZ() {
        Times.zone(ZoneId.of("Asia/Tokyo"));
        try {
            String local = cli.ok("list", "--db", history.db().toString());
            assertTrue(local.lines().anyMatch(l -> l.contains("dark-mode") && l.contains(" 2025-05-01 18:00+09:00 ")),
                    local);

            String utc = cli.ok("list", "--db", history.db().toString(), "--utc");
            assertTrue(utc.lines().anyMatch(l -> l.contains("dark-mode") && l.contains(" 2025-05-01 09:00Z ")), utc);
            assertFalse(utc.contains("+09:00"), utc);
        } finally {
            Times.zone(null);
        }
    }

    /** U+30FB KATAKANA MIDDLE DOT is in the Common script, not Katakana, but just as wide. */
    @Test
    void tableStaysAlignedWhenAnAgentNameHasAKatakanaMiddleDot(@TempDir Path own) {
        Path db = own.resolve("dot.db");
        try (SessionStore store = SessionStore.open(db)) {
            String ws = store.sessions().registerWorkspace(own).getHash();
            Session s = Fixtures.session("dot", SessionType.ENSEMBLE, "目次を整える");
            s.addInstance(Fixtures.instance(0, "テクニカル・ライター"));
            store.sessions().create(ws, s);
        }

        List<String> lines = cli.ok("list", "--db", db.toString()).lines().toList();

        String header = lines.get(0);
        String row = lines.get(1);
        assertEquals(Cli.displayWidth(header.substring(0, header.indexOf("TASK"))),
                Cli.displayWidth(row.substring(0, row.indexOf("目次を整える"))), header + "\n" + row);
    }

    @Test
    void emptyResultIsSaidInTextAndAnEmptyArrayInJson() {
        assertEquals("(no sessions)", cli.ok("list", "--db", history.db().toString(), "--text", "zzz").strip());
        assertEquals(List.of(), list("--text", "zzz"));
    }
}
