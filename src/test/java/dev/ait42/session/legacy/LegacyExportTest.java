package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exportTo(): the legacy layout written back, equal to what was imported. */
class LegacyExportTest extends LegacyTestSupport {

    @Test
    void exportIsSemanticallyEqualToTheOriginalFiles() {
        Path home = exampleHome();
        importHome(home);
        Path out = dir.resolve("export");

        ExportReport report = legacy().exportTo(out);

        assertEquals(3, report.workspaces()); // the two of the home and the test's own empty one
        assertEquals(6, report.sessions());
        for (String hash : List.of(TODO_APP, API_GATEWAY)) {
            JsonNode original = readJson(sessionFile(home, hash));
            JsonNode exported = readJson(sessionFile(out, hash));
            assertEquals(normalized(original), exported, hash);
            assertEquals(ids(original), ids(exported), "the file's session order is kept");
        }
        assertEquals(JSON.createArrayNode(), readJson(sessionFile(out, ws)));
    }

    @Test
    void exportKeepsUnknownFieldsAndExplicitNullsOfUnknownFieldsAndAbsentFieldsStayAbsent() {
        Path home = exampleHome();
        importHome(home);
        Path out = dir.resolve("export");

        legacy().exportTo(out);

        JsonNode failed = readJson(sessionFile(out, API_GATEWAY)).get(0);
        assertTrue(failed.has("evaluation") && failed.get("evaluation").isNull(), "explicit null of an unknown field");
        assertEquals("timeout", failed.get("failureReason").asText());
        assertEquals(2728, failed.at("/chatHistory/1/executionTime").asInt());
        JsonNode debate = readJson(sessionFile(out, TODO_APP)).get(1);
        assertFalse(debate.has("completedAt"), "absent stays absent");
        assertFalse(debate.at("/instances/0").has("output"));
        assertEquals("2025-05-03T13:00:00.000Z", debate.get("createdAt").asText(), "+09:00 written in UTC");
    }

    @Test
    void exportEqualsTheOriginalFieldByFieldButForNormalisedTimestamps() {
        String hash = "0123456789abcdef";
        Path home = dir.resolve("home-with-nulls");
        writeFile(sessionFile(home, hash), """
                [{"id": "with-nulls", "type": "competition", "task": "Nulls, offsets and unknown fields",
                  "status": "running", "createdAt": "2025-05-02T18:00:00+09:00", "updatedAt": "2025-05-02T09:30:00Z",
                  "completedAt": null, "model": null, "timeoutSeconds": null, "preserveWorktrees": null,
                  "winnerId": null, "runtimeMix": null, "totalDuration": null, "totalFilesChanged": null,
                  "totalLinesAdded": null, "totalLinesDeleted": null, "integrationPhase": null,
                  "integrationInstanceId": null, "evaluation": null, "testsPassed": 12,
                  "instances": [{"instanceId": 0, "worktreePath": "/w/0", "branch": "b/0", "agentName": "a",
                                 "status": "running", "tmuxSessionId": "t-0", "output": null,
                                 "startTime": "2025-05-02T18:01:00.5+09:00", "endTime": null, "filesChanged": null,
                                 "linesAdded": 3, "linesDeleted": null, "runtime": null, "model": null,
                                 "runtimeLabel": null, "score": {"a": null}},
                                {"instanceId": 1, "worktreePath": "/w/1", "branch": "b/1", "agentName": "b",
                                 "status": "idle", "tmuxSessionId": "t-1"}],
                  "chatHistory": [{"id": "m1", "role": "user", "content": "hi", "timestamp": "2025-05-02T09:00:00Z",
                                   "instanceId": null, "tokens": null},
                                  {"id": "m2", "role": "assistant", "content": "ok",
                                   "timestamp": "2025-05-02T10:00:00-02:30", "instanceId": 1}]},
                 {"id": "without-nulls", "type": "debate", "task": "Absent fields", "status": "paused",
                  "createdAt": "2025-05-03T00:00:00.000Z", "updatedAt": "2025-05-03T00:00:00.000Z"}]
                """);
        assertTrue(importHome(home).ok());
        Path out = dir.resolve("export");

        legacy().exportTo(out);

        JsonNode expected = normalized(readJson(sessionFile(home, hash)));
        JsonNode exported = readJson(sessionFile(out, hash));
        assertEquals(List.of(), LegacyJson.differences(expected, exported), exported.toPrettyString());
        assertTrue(exported.get(0).get("winnerId").isNull() && exported.at("/0/instances/0/endTime").isNull()
                && exported.at("/0/instances/0").get("output").isNull(), "explicit nulls are written back");
        assertFalse(exported.get(1).has("completedAt"), "absent fields stay absent");
        assertTrue(legacy().verify(home).consistent(), "and the verification agrees");
    }

    @Test
    void exportImportExportGivesIdenticalFilesAndData() {
        Path home = exampleHome();
        importHome(home);
        Path first = dir.resolve("first");
        legacy().exportTo(first);
        String dumpBefore = dump();
        ImportReport reimport = importHome(first);
        assertEquals(6, reimport.unchanged(), "the export imports back as unchanged");
        assertEquals(dumpBefore, dump());

        Path freshDb = dir.resolve("fresh.db");
        try (SessionStore fresh = SessionStore.open(StoreConfig.of(freshDb))) {
            LegacyHistory legacy = new LegacyHistory(fresh);
            ImportReport report = legacy.importHome(first, false, ImportProgress.NONE);
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(6, report.created());
            assertTrue(legacy.verify(home).consistent(), "the fresh database matches the original home");
            Path second = dir.resolve("second");
            legacy.exportTo(second);
            for (String hash : List.of(TODO_APP, API_GATEWAY)) {
                assertEquals(read(sessionFile(first, hash)), read(sessionFile(second, hash)), hash);
            }
            assertEquals(readJson(first.resolve("workspace_mapping.json")).get(TODO_APP),
                    readJson(second.resolve("workspace_mapping.json")).get(TODO_APP));
        }
    }

    @Test
    void mappingListsOnlyWorkspacesWithAKnownPath() {
        Path home = exampleHome();
        writeFile(home.resolve("workspace_mapping.json"), "{\"" + TODO_APP + "\": \"/home/dev/code/todo-app\"}");
        importHome(home);
        Path out = dir.resolve("export");

        legacy().exportTo(out);

        JsonNode mapping = readJson(out.resolve("workspace_mapping.json"));
        assertEquals("/home/dev/code/todo-app", mapping.get(TODO_APP).asText());
        assertFalse(mapping.has(API_GATEWAY));
        assertTrue(Files.exists(sessionFile(out, API_GATEWAY)), "its sessions are exported all the same");
        assertEquals(2, mapping.size()); // and the test's own workspace
    }

    @Test
    void filesAreOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        importHome(exampleHome());
        Path out = dir.resolve("export");
        legacy().exportTo(out);
        legacy().exportTo(out); // replacing existing files

        try (Stream<Path> files = Files.walk(out)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertEquals(4, all.size(), all.toString());
            for (Path f : all) {
                assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(f), f.toString());
                assertFalse(f.getFileName().toString().endsWith(".tmp"));
            }
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(out.resolve("sessions")));
    }

    @Test
    void exportedFilesLookLikeTheLegacyOnes() {
        importHome(exampleHome());
        Path out = dir.resolve("export");

        legacy().exportTo(out);

        String text = read(sessionFile(out, TODO_APP));
        assertTrue(text.startsWith("[\n  {\n    \"id\": \"3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30\",\n"), text);
        assertTrue(text.contains("\"runtimeMix\": [\n      \"claude\",\n      \"codex\"\n    ],"), text);
        assertTrue(text.contains("\"chatHistory\": []"), text);
        assertTrue(text.contains("公開APIはRESTとGraphQLのどちらにすべきか？"), "UTF-8, not escaped");
    }
}
