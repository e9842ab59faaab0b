package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SortDirection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quirks of the legacy files as older versions wrote them, each checked in the database itself:
 * mixed timestamp styles and offsets, fields the schema never had, hashes without a path.
 * (Broken files: {@link LegacyBrokenFilesTest}.)
 */
class LegacyQuirksTest extends LegacyTestSupport {

    @Test
    void bothTimestampStylesAndAnyOffsetAreStoredInOneCanonicalUtcForm() {
        importHome(exampleHome());

        assertEquals("2025-05-03T13:00:00.000Z", queryString("SELECT " + timeText("created_at") + " FROM sessions WHERE id = 'debate-77aa'"),
                "+09:00");
        assertEquals("2025-06-12T21:00:00.000Z", queryString("SELECT " + timeText("created_at") + " FROM sessions WHERE id = 'debate-91bc'"),
                "-07:00");
        assertEquals("2025-05-04T08:00:00.000Z", queryString(
                "SELECT " + timeText("created_at") + " FROM sessions WHERE id = 'b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f'"), "+00:00");
        assertEquals("2025-05-02T09:00:03.120Z", queryString("SELECT " + timeText("start_time") + " FROM instances WHERE"
                + " worktree_path = '/tmp/worktree-comp-3d0c9a7e-0'"), "Z with milliseconds");
        if (!onPostgresql()) { // SQLite: every time as epoch milliseconds, whatever style the file wrote
            for (String column : List.of("sessions.created_at", "sessions.updated_at", "sessions.completed_at",
                    "instances.start_time", "instances.end_time", "chat_messages.timestamp")) {
                String[] tc = column.split("\\.");
                assertEquals(0, countRows("SELECT count(*) FROM " + tc[0] + " WHERE " + tc[1] + " IS NOT NULL AND typeof("
                        + tc[1] + ") <> 'integer'"), column);
            }
        }
    }

    @Test
    void timeOrderHoldsAcrossStylesAndOffsets() {
        Path home = emptyHome("home");
        writeFile(sessionFile(home, TODO_APP), array(
                session("utc-late", "a").replace("2025-05-02T09:00:00.000Z", "2025-05-02T09:30:00.000Z"),
                session("tokyo-early", "b").replace("2025-05-02T09:00:00.000Z", "2025-05-02T18:10:00+09:00"),
                session("pacific-middle", "c").replace("2025-05-02T09:00:00.000Z", "2025-05-02T02:20:00-07:00")));

        importHome(home);

        List<String> order = repo.search(SessionQuery.inWorkspace(TODO_APP)
                .sort(SessionSort.CREATED_AT, SortDirection.ASC).build(), 0, 10)
                .items().stream().map(Session::getId).toList();
        assertEquals(List.of("tokyo-early", "pacific-middle", "utc-late"), order);
        assertEquals(1, repo.search(SessionQuery.inWorkspace(TODO_APP)
                .createdBetween(Instant.parse("2025-05-02T09:25:00Z"), null).build(), 0, 10).totalElements());
    }

    @Test
    void finerThanMillisecondTimestampsAreCutToTheStoredPrecision() {
        Path home = emptyHome("home");
        writeFile(sessionFile(home, TODO_APP), array(session("fine", "a")
                .replace("2025-05-02T09:00:00.000Z", "2025-05-02T09:00:00.123456789Z")));

        importHome(home);

        assertEquals("2025-05-02T09:00:00.123Z", queryString("SELECT " + timeText("created_at") + " FROM sessions WHERE id = 'fine'"));
        assertEquals(1, importHome(home).unchanged(), "and a re-import sees no change");
    }

    @Test
    void fieldsTheSchemaNeverHadAreKeptAtEveryLevelAsJsonObjects() throws Exception {
        Path home = emptyHome("home");
        String odd = session("odd", "Extra fields everywhere")
                .replaceFirst("\"status\": \"running\",", "\"status\": \"running\", \"evaluation\": {\"score\": 9.25,"
                        + " \"notes\": [\"短い\", null, true]}, \"huge\": 123456789012345678901234567890, \"nothing\": null,")
                .replace("\"tmuxSessionId\": \"t-odd\"", "\"tmuxSessionId\": \"t-odd\", \"testsPassed\": 18,"
                        + " \"codeComplexity\": {\"cyclomatic\": 4}")
                .replace("\"content\": \"message of odd\"", "\"content\": \"message of odd\", \"executionTime\": 1.5e3");
        writeFile(sessionFile(home, TODO_APP), array(odd));

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        JsonNode sessionExtra = JSON.readTree(queryString("SELECT extra FROM sessions WHERE id = 'odd'"));
        assertEquals(JSON.readTree("{\"evaluation\": {\"score\": 9.25, \"notes\": [\"短い\", null, true]},"
                + " \"huge\": 123456789012345678901234567890, \"nothing\": null}"), sessionExtra);
        assertEquals(JSON.readTree("{\"testsPassed\": 18, \"codeComplexity\": {\"cyclomatic\": 4}}"),
                JSON.readTree(queryString("SELECT extra FROM instances WHERE tmux_session_id = 't-odd'")));
        assertEquals(1500.0, JSON.readTree(queryString("SELECT extra FROM chat_messages WHERE content = 'message of odd'"))
                .get("executionTime").asDouble());
        assertEquals(1, countRows("SELECT count(*) FROM sessions WHERE json_type(extra) = 'object'"));
        assertNull(queryString("SELECT extra FROM sessions WHERE id <> 'odd'"));
        JsonNode exported = exportedSession(TODO_APP, 0);
        assertEquals("123456789012345678901234567890", exported.get("huge").asText());
        assertTrue(exported.get("nothing").isNull());
        assertEquals(1, importHome(home).unchanged(), "extra fields compare equal after a round trip");
    }

    @Test
    void hashWithoutAPathImportsWithThePathUnknownAndTheHashAsGiven() {
        Path home = emptyHome("home");
        String hash = "fedcba9876543210";
        writeFile(sessionFile(home, hash), array(session("s", "No mapping")));
        writeFile(home.resolve("workspace_mapping.json"), "{}");

        importHome(home);

        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE hash = '" + hash + "' AND path IS NULL"));
        assertEquals(hash, queryString("SELECT workspace_hash FROM sessions WHERE id = 's'"));
    }

    @Test
    void mappedPathIsStoredAsGivenAndTheHashIsNotRecomputedFromIt() {
        Path home = emptyHome("home");
        String hash = "8d5ad9544df715a2"; // not the SHA-256 prefix of the path below
        writeFile(sessionFile(home, hash), array(session("s", "Mapped")));
        writeFile(home.resolve("workspace_mapping.json"), "{\"" + hash + "\": \"/Users/dev/code/todo-app\"}");

        importHome(home);

        assertEquals("/Users/dev/code/todo-app", repo.findWorkspace(hash).orElseThrow().getPath());
        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE path = '/Users/dev/code/todo-app'"));
    }

    @Test
    void twoHashesMappedToOnePathKeepTheSecondPathUnknown() {
        Path home = emptyHome("home");
        writeFile(sessionFile(home, "aaaaaaaaaaaaaaaa"), array(session("a", "A")));
        writeFile(sessionFile(home, "bbbbbbbbbbbbbbbb"), array(session("b", "B")));
        writeFile(home.resolve("workspace_mapping.json"),
                "{\"aaaaaaaaaaaaaaaa\": \"/same\", \"bbbbbbbbbbbbbbbb\": \"/same\"}");

        ImportReport report = importHome(home);

        assertEquals(2, report.created());
        assertEquals("/same", repo.findWorkspace("aaaaaaaaaaaaaaaa").orElseThrow().getPath());
        assertNull(repo.findWorkspace("bbbbbbbbbbbbbbbb").orElseThrow().getPath());
        assertEquals(1, report.problems().size());
    }

    @Test
    void missingInstancesAndHistoryAreEmptyOnesAndNullOptionalFieldsAreStoredAsNullAndWrittenBackAsNull() {
        Path home = emptyHome("home");
        writeFile(sessionFile(home, TODO_APP), """
                [{"id": "bare", "type": "debate", "task": "t", "status": "paused", "model": null,
                  "createdAt": "2025-05-02T09:00:00Z", "updatedAt": "2025-05-02T09:00:00Z", "completedAt": null}]""");

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        Session bare = repo.get(TODO_APP, "bare");
        assertEquals(List.of(), bare.getInstances());
        assertNull(bare.getModel());
        assertTrue(legacy().verify(home).consistent());
        JsonNode exported = exportedSession(TODO_APP, 0);
        assertEquals(List.of("id", "type", "task", "status", "createdAt", "updatedAt", "completedAt", "model",
                        "instances", "chatHistory"), iterate(exported.fieldNames()));
        assertTrue(exported.get("completedAt").isNull() && exported.get("model").isNull(), exported.toString());
    }

    private JsonNode exportedSession(String hash, int index) {
        Path out = dir.resolve("export-" + System.nanoTime());
        legacy().exportTo(out);
        return readJson(sessionFile(out, hash)).get(index);
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
