package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.IntegrationPhase;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.IndexCounts;
import dev.ait42.session.search.SessionHit;
import dev.ait42.session.repository.SessionQuery;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Importing legacy homes: what lands in the database, re-imports, changes, dry runs, search. */
class LegacyImportTest extends LegacyTestSupport {

    @Test
    void exampleHomeImportsEverySessionWithEveryFieldIntoItsWorkspace() {
        ImportReport report = importHome(exampleHome());

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(2, report.filesRead());
        assertEquals(6, report.created());
        assertEquals(List.of(), report.onlyInDatabase());
        assertEquals("/home/dev/code/todo-app", repo.findWorkspace(TODO_APP).orElseThrow().getPath());
        assertEquals("/home/dev/code/api-gateway", repo.findWorkspace(API_GATEWAY).orElseThrow().getPath());

        Session dark = repo.get(TODO_APP, "3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30");
        assertEquals(SessionType.COMPETITION, dark.getType());
        assertEquals("Add a dark mode toggle to the settings page", dark.getTask());
        assertEquals(SessionStatus.COMPLETED, dark.getStatus());
        assertEquals(Instant.parse("2025-05-02T09:00:00Z"), dark.getCreatedAt());
        assertEquals(Instant.parse("2025-05-02T10:05:00Z"), dark.getCompletedAt());
        assertEquals("claude-sonnet-4", dark.getModel());
        assertEquals(900L, dark.getTimeoutSeconds());
        assertEquals(Boolean.FALSE, dark.getPreserveWorktrees());
        assertEquals(0, dark.getWinnerId());
        assertEquals(List.of("claude", "codex"), dark.getRuntimeMix());
        assertEquals(3900L, dark.getTotalDuration());
        assertEquals(6, dark.getTotalFilesChanged());
        assertEquals(210, dark.getTotalLinesAdded());
        assertEquals(12, dark.getTotalLinesDeleted());
        assertEquals("smallest diff, all tests green", dark.getExtra().at("/evaluation/winnerReason").asText());

        Instance winner = dark.findInstance(0).orElseThrow();
        assertEquals("/tmp/worktree-comp-3d0c9a7e-0", winner.getWorktreePath());
        assertEquals("competition/3d0c9a7e-0", winner.getBranch());
        assertEquals("frontend-developer", winner.getAgentName());
        assertEquals("ait42-claude-competition-3d0c9a7e-0", winner.getTmuxSessionId());
        assertEquals(InstanceStatus.COMPLETED, winner.getStatus());
        assertEquals(Instant.parse("2025-05-02T09:00:03.120Z"), winner.getStartTime());
        assertEquals(4, winner.getFilesChanged());
        assertEquals("Claude Sonnet", winner.getRuntimeLabel());
        assertEquals(18, winner.getExtra().get("testsPassed").asInt());
        assertEquals(3.2, winner.getExtra().get("codeComplexity").asDouble());

        ChatMessage answer = dark.getMessages().get(1);
        assertEquals("history-0-1746176460000", answer.getId());
        assertEquals(MessageRole.ASSISTANT, answer.getRole());
        assertEquals(0, answer.getInstanceId());
        assertEquals(42.5, answer.getExtra().get("executionTime").asDouble());

        Session ensemble = repo.get(TODO_APP, "b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f");
        assertEquals(IntegrationPhase.IN_PROGRESS, ensemble.getIntegrationPhase());
        assertEquals(1, ensemble.getIntegrationInstanceId());
        assertEquals(List.of(), ensemble.getMessages());
    }

    @Test
    void exampleHomeCoversEveryTypeAndStatusAndADebateSharingItsWorktree() {
        importHome(exampleHome());

        List<Session> all = new ArrayList<>(repo.listAll(TODO_APP));
        all.addAll(repo.listAll(API_GATEWAY));
        assertEquals(Set.of(SessionType.values()), all.stream().map(Session::getType).collect(Collectors.toSet()));
        assertEquals(Set.of(SessionStatus.values()), all.stream().map(Session::getStatus).collect(Collectors.toSet()));
        assertEquals(Set.of(InstanceStatus.values()), all.stream().flatMap(s -> s.getInstances().stream())
                .map(Instance::getStatus).collect(Collectors.toSet()));
        Session debate = repo.get(TODO_APP, "debate-77aa");
        assertEquals(Set.of("/tmp/worktree-debate-77aa"),
                debate.getInstances().stream().map(Instance::getWorktreePath).collect(Collectors.toSet()));
        assertEquals(Set.of("debate-77aa"),
                debate.getInstances().stream().map(Instance::getTmuxSessionId).collect(Collectors.toSet()));
        assertEquals(3, debate.getInstances().size());
    }

    @Test
    void fileWithoutMappingEntryImportsUnderItsHashWithUnknownPath() {
        Path home = exampleHome();
        writeFile(home.resolve("workspace_mapping.json"), "{\"" + TODO_APP + "\": \"/home/dev/code/todo-app\"}");
        String unmapped = "0123456789abcdef";
        writeFile(sessionFile(home, unmapped), array(session("lonely", "No mapping for me")));

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(7, report.created());
        assertNull(repo.findWorkspace(unmapped).orElseThrow().getPath());
        assertNull(repo.findWorkspace(API_GATEWAY).orElseThrow().getPath());
        assertEquals("No mapping for me", repo.get(unmapped, "lonely").getTask());
        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE hash = '" + unmapped + "' AND path IS NULL"));
    }

    @Test
    void missingMappingFileLeavesEveryPathUnknownAndKeysWorkspacesByFileHash() throws Exception {
        Path home = exampleHome();
        Files.delete(home.resolve("workspace_mapping.json"));

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(6, report.created());
        Workspace todo = repo.findWorkspace(TODO_APP).orElseThrow();
        assertNull(todo.getPath());
        assertEquals(3, repo.listAll(TODO_APP).size());
    }

    @Test
    void mappingAddedLaterFillsInTheUnknownPathWithoutTouchingSessions() throws Exception {
        Path home = exampleHome();
        Path mapping = home.resolve("workspace_mapping.json");
        String content = read(mapping);
        Files.delete(mapping);
        importHome(home);
        writeFile(mapping, content);

        ImportReport again = importHome(home);

        assertEquals(6, again.unchanged());
        assertEquals("/home/dev/code/todo-app", repo.findWorkspace(TODO_APP).orElseThrow().getPath());
    }

    @Test
    void secondImportOfTheSameFilesChangesNothing() {
        Path home = exampleHome();
        importHome(home);
        String before = dump();

        ImportReport again = importHome(home);

        assertTrue(again.ok());
        assertEquals(0, again.created());
        assertEquals(0, again.updated());
        assertEquals(6, again.unchanged());
        assertEquals(before, dump());
    }

    @Test
    void sessionChangedInTheJsonIsReplacedWholeAndOthersStayUnchanged() {
        Path home = exampleHome();
        importHome(home);
        Path file = sessionFile(home, TODO_APP);
        ArrayNode sessions = (ArrayNode) readJson(file);
        ObjectNode changed = (ObjectNode) sessions.get(2);
        changed.put("status", "completed").put("updatedAt", "2025-05-04T09:00:00.000Z")
                .put("completedAt", "2025-05-04T09:00:00+09:00");
        ((ObjectNode) changed.get("instances").get(1)).put("status", "completed").put("testsPassed", 7);
        ((ArrayNode) changed.get("chatHistory")).addObject().put("id", "msg-late").put("role", "user")
                .put("content", "Ship the quetzal fixture too").put("timestamp", "2025-05-04T08:59:00Z");
        ((ObjectNode) sessions.get(0)).remove("evaluation");
        ((ObjectNode) sessions.get(0)).put("updatedAt", "2025-05-02T10:06:00.000Z");
        writeJson(file, sessions);

        ImportReport again = importHome(home);

        assertTrue(again.ok(), again.problems().toString());
        assertEquals(2, again.updated());
        assertEquals(4, again.unchanged());
        Session ensemble = repo.get(TODO_APP, "b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f");
        assertEquals(SessionStatus.COMPLETED, ensemble.getStatus());
        assertEquals(Instant.parse("2025-05-04T00:00:00Z"), ensemble.getCompletedAt());
        assertEquals(Instant.parse("2025-05-04T09:00:00Z"), ensemble.getUpdatedAt(), "updatedAt comes from the JSON");
        assertEquals(7, ensemble.findInstance(1).orElseThrow().getExtra().get("testsPassed").asInt());
        assertEquals(List.of("msg-late"), ensemble.getMessages().stream().map(ChatMessage::getId).toList());
        assertNull(repo.get(TODO_APP, "3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30").getExtra(), "removed field removed");
        assertEquals(Set.of("b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f"), foundIds("quetzal"));
        assertTrue(legacy().verify(home).consistent());
    }

    @Test
    void updatedSessionLeavesNoStaleSearchDocuments() {
        Path home = emptyHome("home");
        writeFile(sessionFile(home, TODO_APP), array(session("s1", "Task with an axolotl")
                .replace("message of s1", "the capybara message")));
        importHome(home);
        assertEquals(Set.of("s1"), foundIds("capybara"));
        writeFile(sessionFile(home, TODO_APP), array(session("s1", "Task with an axolotl")
                .replace("message of s1", "the okapi message").replace("\"msg-1\"", "\"msg-2\"")
                .replace("\"instanceId\": 0", "\"instanceId\": 3")));

        ImportReport again = importHome(home);

        assertEquals(1, again.updated());
        assertEquals(Set.of(), foundIds("capybara"), "the removed message's document is gone");
        assertEquals(Set.of("s1"), foundIds("okapi"));
        IndexCounts counts = store.fullText().counts();
        assertTrue(counts.consistent(), counts.toString());
    }

    @Test
    void sessionGoneFromTheJsonIsKeptAndReported() {
        Path home = exampleHome();
        importHome(home);
        Path file = sessionFile(home, API_GATEWAY);
        ArrayNode sessions = (ArrayNode) readJson(file);
        sessions.remove(2); // debate-91bc
        writeJson(file, sessions);

        ImportReport again = importHome(home);

        assertTrue(again.ok());
        assertEquals(List.of(API_GATEWAY + "/debate-91bc"), again.onlyInDatabase());
        assertEquals(5, again.unchanged());
        assertEquals("Monorepo or one repository per service for the gateway plugins?",
                repo.get(API_GATEWAY, "debate-91bc").getTask());
    }

    @Test
    void sessionsOfWorkspacesTheHomeHasNoFileForAreNotListed() {
        repo.create(ws, new Session("native-run", SessionType.DEBATE, "Created by the new application"));

        ImportReport report = importHome(exampleHome());

        assertEquals(List.of(), report.onlyInDatabase(), "another home's or the application's sessions");
        assertEquals(1, repo.listAll(ws).size());
    }

    @Test
    void sessionChangedInTheDatabaseSinceTheImportIsNotOverwritten() {
        Path home = exampleHome();
        importHome(home);
        repo.changeStatus(TODO_APP, "debate-77aa", SessionStatus.COMPLETED); // the application moved it on
        String before = dump();

        ImportReport again = importHome(home);

        assertTrue(again.ok());
        assertEquals(List.of(TODO_APP + "/debate-77aa"), again.newerInDatabase());
        assertEquals(5, again.unchanged());
        assertEquals(0, again.updated());
        assertEquals(SessionStatus.COMPLETED, repo.get(TODO_APP, "debate-77aa").getStatus());
        assertEquals(before, dump());
    }

    @Test
    void dryRunReportsWhatItWouldDoAndLeavesTheDatabaseFileByteForByteUnchanged() throws Exception {
        Path home = exampleHome();
        String before = dump();
        String filesBefore = databaseFileDigest();

        ImportReport report = legacy().importHome(home, true, ImportProgress.NONE);

        assertTrue(report.dryRun());
        assertTrue(report.ok());
        assertEquals(6, report.created());
        assertEquals(filesBefore, databaseFileDigest());
        assertEquals(before, dump());
        assertTrue(repo.findWorkspace(TODO_APP).isEmpty());
        assertEquals(0, store.fullText().counts().sessionDocuments());
    }

    @Test
    void dryRunAfterAnImportFindsChangesWithoutApplyingThem() {
        Path home = exampleHome();
        importHome(home);
        Path file = sessionFile(home, TODO_APP);
        ArrayNode sessions = (ArrayNode) readJson(file);
        ((ObjectNode) sessions.get(0)).put("task", "Renamed in the JSON");
        writeJson(file, sessions);
        String before = dump();

        ImportReport report = legacy().importHome(home, true, ImportProgress.NONE);

        assertEquals(1, report.updated());
        assertEquals(5, report.unchanged());
        assertEquals(before, dump());
    }

    @Test
    void importedTextIsFoundByFullTextSearchAtOnceInEnglishAndJapanese() {
        importHome(exampleHome());

        assertEquals(Set.of("3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30"), foundIds("localStorage"));
        assertEquals(Set.of("7f3b2a10-9c4d-4e21-b8a7-55d0c3e1f9a2"), foundIds("トークン"));
        assertEquals(Set.of("debate-77aa"), foundIds("キャッシュ"));
        FullTextPage page = store.fullText().search(FullTextQuery.matching("redocly")
                .filter(SessionQuery.inWorkspace(API_GATEWAY).build()).build());
        assertEquals(1, page.totalSessions());
        IndexCounts counts = store.fullText().counts();
        assertTrue(counts.consistent(), counts.toString());
        assertEquals(6, counts.sessionDocuments());
    }

    @Test
    void bulkWritesOfNewSessionsLeaveTheirIndexWorkRecordedInTheDatabase() throws Exception {
        ImportReport report = new LegacyImport(store.fullText(), store.services().unitOfWork(), false, ImportProgress.NONE, false).run(exampleHome());

        assertEquals(6, report.created());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement();
             ResultSet rows = st.executeQuery("select count(*) from search_index_work")) {
            rows.next();
            assertEquals(6 + 12 + 10, rows.getLong(1), "one row per session, instance and message");
        }
        IndexCounts counts = store.fullText().counts(); // catches up first
        assertEquals(new IndexCounts(6, 12, 10, 6, 12, 10), counts);
    }

    @Test
    void chunkRefusedByTheDatabaseIsRetriedSessionBySessionSoOnlyTheBadOneFails() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER poison BEFORE INSERT ON sessions WHEN NEW.id = 'poisoned'"
                    + " BEGIN SELECT RAISE(ABORT, 'poisoned session'); END");
        }
        Path home = emptyHome("home");
        writeFile(sessionFile(home, TODO_APP), array(session("a", "first"), session("poisoned", "bad"),
                session("c", "third")));

        ImportReport report = importHome(home);

        assertFalse(report.ok());
        assertEquals(2, report.created());
        assertEquals(1, report.failed());
        ImportProblem problem = report.problems().get(0);
        assertEquals("poisoned", problem.sessionId());
        assertEquals(8, problem.line(), "the poisoned session starts on line 8");
        assertTrue(problem.message().contains("poisoned session"), problem.message());
        assertEquals(Set.of("a", "c"), repo.listAll(TODO_APP).stream().map(Session::getId).collect(Collectors.toSet()));
        assertEquals(Set.of("a"), foundIds("first"));
        assertEquals(0, countRows("SELECT count(*) FROM sessions WHERE id = 'poisoned'"));
    }

    @Test
    void databaseLockedByAnotherProcessStopsTheImportInsteadOfFailingEachSession() throws Exception {
        Path lockedFile = dir.resolve("locked.db");
        try (dev.ait42.session.SessionStore other = dev.ait42.session.SessionStore.open(
                dev.ait42.session.StoreConfig.builder(lockedFile).busyTimeout(java.time.Duration.ofMillis(200)).build());
             Connection lock = DriverManager.getConnection("jdbc:sqlite:" + lockedFile);
             Statement st = lock.createStatement()) {
            st.execute("BEGIN IMMEDIATE"); // another process holds the write lock
            Path home = exampleHome();

            dev.ait42.session.StorageException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.ait42.session.StorageException.class,
                    () -> new LegacyHistory(other).importHome(home, false, ImportProgress.NONE));

            assertTrue(e.getMessage().contains("locked"), e.getMessage());
            st.execute("ROLLBACK");
            assertEquals(0, other.sessions().listWorkspaces().stream()
                    .filter(w -> w.getHash().equals(TODO_APP)).count());
        }
    }

    @Test
    void progressReportsEveryByteAndSession() {
        Path home = exampleHome();
        List<long[]> calls = new ArrayList<>();

        legacy().importHome(home, false, (read, total, sessions) -> calls.add(new long[] {read, total, sessions}));

        long[] last = calls.get(calls.size() - 1);
        assertEquals(last[1], last[0], "all bytes read at the end");
        assertEquals(6, last[2]);
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "bytes read never go back");
        }
    }

    private Set<String> foundIds(String text) {
        return store.fullText().search(FullTextQuery.matching(text).page(0, 100).build()).hits().stream()
                .map(SessionHit::session).map(Session::getId).collect(Collectors.toSet());
    }

    /** SHA-256 of the database file and its write-ahead log (the shared-memory index is not data). */
    private String databaseFileDigest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path f : List.of(dbFile, Path.of(dbFile + "-wal"))) {
            if (Files.exists(f)) {
                sha.update(Files.readAllBytes(f));
                sha.update(Files.getLastModifiedTime(f).toString().getBytes());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
