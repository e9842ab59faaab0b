package dev.ait42.session.legacy;

import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files rewritten whole without locking break: each broken file or invalid session is reported
 * with file, line, column and cause, and everything else still imports; a rejected session leaves
 * no row behind.
 */
class LegacyBrokenFilesTest extends LegacyTestSupport {

    private static final String GOOD = "1111111111111111";
    private static final String BAD = "2222222222222222";

    private Path home;

    /** A home with one good file (two sessions) and {@code badContent} as a second file. */
    private Path homeWith(String badContent) {
        home = emptyHome("home");
        writeFile(sessionFile(home, GOOD), array(session("good-1", "Good one"), session("good-2", "Good two")));
        writeFile(sessionFile(home, BAD), badContent);
        return home;
    }

    private Set<String> ids(String hash) {
        return repo.findWorkspace(hash).isEmpty() ? Set.of()
                : repo.listAll(hash).stream().map(Session::getId).collect(Collectors.toSet());
    }

    /** 1-based line and column of the first occurrence of {@code marker}. */
    private static long[] position(String content, String marker) {
        int at = content.indexOf(marker);
        String before = content.substring(0, at);
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        long column = at - (before.lastIndexOf('\n') + 1) + 1;
        return new long[] {line, column};
    }

    private void assertProblemAt(ImportProblem problem, String content, String marker) {
        long[] expected = position(content, marker);
        assertEquals(sessionFile(home, BAD), problem.file());
        assertEquals(expected[0], problem.line(), "line of " + marker + " in " + problem.describe());
        assertEquals(expected[1], problem.column(), "column of " + marker + " in " + problem.describe());
    }

    @Test
    void truncatedFileKeepsTheSessionsBeforeTheBreakAndReportsWhereItEnds() {
        String whole = array(session("before-1", "First"), session("before-2", "Second"), session("cut", "Cut off"));
        String truncated = whole.substring(0, whole.indexOf("Cut off"));
        homeWith(truncated);

        ImportReport report = importHome(home);

        assertFalse(report.ok());
        assertEquals(2, report.filesRead());
        assertEquals(4, report.created());
        assertEquals(Set.of("before-1", "before-2"), ids(BAD));
        assertEquals(Set.of("good-1", "good-2"), ids(GOOD));
        ImportProblem problem = report.problems().get(0);
        assertEquals(1, report.problems().size());
        assertEquals(sessionFile(home, BAD), problem.file());
        assertTrue(problem.message().startsWith("broken JSON"), problem.message());
        long lines = truncated.lines().count();
        assertEquals(lines, problem.line(), "the break is on the last line");
        assertTrue(problem.describe().startsWith(sessionFile(home, BAD) + ":" + lines + ":"), problem.describe());
    }

    @Test
    void fileCutInsideTheFirstSessionImportsNothingFromItButTheOtherFiles() {
        homeWith("[\n  {\"id\": \"only\", \"type\": \"deb");

        ImportReport report = importHome(home);

        assertEquals(2, report.created());
        assertEquals(Set.of(), ids(BAD));
        assertEquals(2, report.problems().get(0).line());
    }

    @Test
    void fileThatIsNotAnArrayIsReportedWithoutCreatingItsWorkspace() {
        String content = session("lonely", "An object, not an array");
        homeWith(content);

        ImportReport report = importHome(home);

        assertFalse(report.ok());
        assertEquals(2, report.created());
        assertTrue(repo.findWorkspace(BAD).isEmpty());
        ImportProblem problem = report.problems().get(0);
        assertProblemAt(problem, content, "{");
        assertTrue(problem.message().contains("expected a JSON array of sessions, found an object"), problem.message());
    }

    @Test
    void emptyFileIsReported() {
        homeWith("");

        ImportReport report = importHome(home);

        assertEquals(2, report.created());
        assertTrue(report.problems().get(0).message().contains("empty"), report.problems().toString());
    }

    @Test
    void sessionWithoutIdIsRejectedAloneAtItsStart() {
        String missingId = session("x", "No id here").replace("\"id\": \"x\", ", "");
        String content = array(session("first", "First"), missingId, session("last", "Last"));
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals(4, report.created());
        assertEquals(1, report.failed());
        assertEquals(Set.of("first", "last"), ids(BAD));
        ImportProblem problem = report.problems().get(0);
        assertProblemAt(problem, content, "{\"type\"");
        assertNull(problem.sessionId());
        assertTrue(problem.message().startsWith("id: missing"), problem.message());
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages WHERE content = 'message of x'"));
    }

    @Test
    void unknownStatusIsRejectedAtItsValueNamingTheAllowedOnes() {
        String bad = session("s-bad", "Unknown status").replace("\"status\": \"running\",\n", "\"status\": \"done\",\n");
        String content = array(bad, session("s-ok", "Fine"));
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals(Set.of("s-ok"), ids(BAD));
        ImportProblem problem = report.problems().get(0);
        assertProblemAt(problem, content, "\"done\"");
        assertEquals("s-bad", problem.sessionId());
        assertEquals("status: unknown value 'done' (expected one of: running, completed, failed, paused)",
                problem.message());
    }

    @Test
    void columnsCountCharactersNotBytesAfterJapaneseText() {
        String bad = session("s-ja", "認証トークンの更新").replace("\"status\": \"running\",\n", "\"status\": \"終了\",\n");
        String content = array(bad);
        homeWith(content);

        ImportReport report = importHome(home);

        ImportProblem problem = report.problems().get(0);
        assertProblemAt(problem, content, "\"終了\"");
        assertEquals(2, problem.line());
        assertTrue(problem.message().startsWith("status: unknown value '終了'"), problem.message());
    }

    @Test
    void wrongTypeInAnInstanceIsRejectedWithItsPathAndTheIdReadAfterIt() {
        String bad = """
                {"type": "ensemble", "task": "Wrong type", "status": "running",
                 "createdAt": "2025-05-02T09:00:00.000Z", "updatedAt": "2025-05-02T09:30:00.000Z",
                 "instances": [{"instanceId": 0, "worktreePath": "/w", "branch": "b", "agentName": "a",
                                "status": "running", "tmuxSessionId": "t", "filesChanged": "four"}],
                 "chatHistory": [], "id": "id-comes-last"}""";
        String content = array(session("s-ok", "Fine"), bad);
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals(Set.of("s-ok"), ids(BAD));
        ImportProblem problem = report.problems().get(0);
        assertProblemAt(problem, content, "\"four\"");
        assertEquals("id-comes-last", problem.sessionId());
        assertEquals("instances[0].filesChanged: expected a whole number, found a string (\"four\")", problem.message());
        assertEquals(0, countRows("SELECT count(*) FROM instances WHERE worktree_path = '/w'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            number as string            | "timeoutSeconds": 900,                         | "timeoutSeconds": "900",                       | timeoutSeconds: expected a whole number, found a string ("900")
            fraction                    | "timeoutSeconds": 900,                         | "timeoutSeconds": 9.5,                         | timeoutSeconds: expected a whole number, found a number (9.5)
            negative count              | "timeoutSeconds": 900,                         | "timeoutSeconds": -1,                          | timeoutSeconds: must not be negative, was -1
            boolean as string           | "timeoutSeconds": 900,                         | "preserveWorktrees": "yes",                    | preserveWorktrees: expected true or false, found a string ("yes")
            runtime mix not strings     | "timeoutSeconds": 900,                         | "runtimeMix": ["claude", 3],                   | runtimeMix[1]: expected a string, found a number (3)
            task as object              | "task": "t",                                   | "task": {"text": "t"},                         | task: expected a string, found an object
            not a timestamp             | "createdAt": "2025-05-02T09:00:00.000Z",       | "createdAt": "yesterday",                      | createdAt: 'yesterday' is not an RFC 3339 timestamp of the years 0000-9999
            timestamp without offset    | "createdAt": "2025-05-02T09:00:00.000Z",       | "createdAt": "2025-05-02T09:00:00",            | createdAt: '2025-05-02T09:00:00' is not an RFC 3339 timestamp of the years 0000-9999
            unknown type                | "type": "competition",                         | "type": "solo",                                | type: unknown value 'solo' (expected one of: competition, ensemble, debate)
            unknown phase               | "timeoutSeconds": 900,                         | "integrationPhase": "later",                   | integrationPhase: unknown value 'later' (expected one of: pending, in_progress, completed)
            null task                   | "task": "t",                                   | "task": null,                                  | task: missing (or null)
            instances not an array      | "timeoutSeconds": 900,                         | "instances": {}, "x": 1,                       | instances: expected an array, found an object
            unknown instance status     | "status": "idle"                               | "status": "asleep"                             | instances[0].status: unknown value 'asleep' (expected one of: idle, running, completed, failed, paused, archived)
            instance without branch     | "branch": "b",                                 | "x": 1,                                        | instances[0].branch: missing (or null)
            duplicate instance          | "instances": [                                 | "instances": [{"instanceId": 0, "worktreePath": "w", "branch": "b", "agentName": "a", "status": "idle", "tmuxSessionId": "t"}, | instances[1].instanceId: instance 0 appears twice in the session (also at instances[0])
            unknown role                | "role": "user"                                 | "role": "robot"                                | chatHistory[0].role: unknown value 'robot' (expected one of: user, assistant, system)
            message without content     | "content": "hello",                            | "x": 1,                                        | chatHistory[0].content: missing (or null)
            blank message id            | "id": "m1"                                     | "id": "  "                                     | chatHistory[0].id: must not be blank
            duplicate message id        | "chatHistory": [                               | "chatHistory": [{"id": "m1", "role": "user", "content": "c", "timestamp": "2025-05-02T09:00:00Z"}, | chatHistory[1].id: message id 'm1' appears twice in the session (also at chatHistory[0])
            instance id too large       | "instanceId": 0,                               | "instanceId": 3000000000,                      | instances[0].instanceId: 3000000000 is too large (at most 2147483647)
            message not an object       | "chatHistory": [                               | "chatHistory": ["hello",                       | chatHistory[0]: expected a message object, found a string ("hello")
            """)
    void invalidFieldRejectsItsSessionOnly(String name, String good, String bad, String message) {
        String template = """
                {"id": "s-bad", "type": "competition", "task": "t", "status": "running", "timeoutSeconds": 900,
                 "createdAt": "2025-05-02T09:00:00.000Z", "updatedAt": "2025-05-02T09:30:00.000Z",
                 "instances": [{"instanceId": 0, "worktreePath": "w", "branch": "b", "agentName": "a",
                                "tmuxSessionId": "t", "status": "idle"}],
                 "chatHistory": [{"id": "m1", "content": "hello", "timestamp": "2025-05-02T09:00:00Z", "role": "user"}]}""";
        assertTrue(template.contains(good.strip()), name);
        String content = array(session("s-ok", "Fine"), template.replace(good.strip(), bad.strip()));
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals(3, report.created(), name);
        assertEquals(1, report.failed(), name);
        assertEquals(Set.of("s-ok"), ids(BAD));
        assertEquals(List.of(message), report.problems().stream().map(ImportProblem::message).toList());
        assertEquals("s-bad", report.problems().get(0).sessionId());
        assertTrue(report.problems().get(0).line() >= 8, report.problems().get(0).describe());
    }

    @Test
    void elementsThatAreNotSessionObjectsAreRejectedOneByOne() {
        String content = array("42", session("s-ok", "Fine"), "[\"nested\", {\"a\": 1}]", "null");
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals(Set.of("s-ok"), ids(BAD));
        assertEquals(3, report.failed());
        assertEquals(List.of("expected a session object, found a number (42)",
                        "expected a session object, found an array", "expected a session object, found null"),
                report.problems().stream().map(ImportProblem::message).toList());
        assertProblemAt(report.problems().get(1), content, "[\"nested\"");
    }

    @Test
    void contentAfterTheArrayIsReportedButTheSessionsImport() {
        homeWith(array(session("s-ok", "Fine")) + "garbage");

        ImportReport report = importHome(home);

        assertEquals(Set.of("s-ok"), ids(BAD));
        assertFalse(report.ok());
        assertEquals(1, report.problems().size());
    }

    @Test
    void sessionIdTwiceInAFileImportsTheFirstOccurrenceOnly() {
        String content = array(session("twice", "First copy"), session("twice", "Second copy"));
        homeWith(content);

        ImportReport report = importHome(home);

        assertEquals("First copy", repo.get(BAD, "twice").getTask());
        assertEquals(1, report.failed());
        assertEquals("twice", report.problems().get(0).sessionId());
        assertProblemAt(report.problems().get(0), content, "{\"id\": \"twice\", \"type\": \"competition\", \"task\": \"Second");
    }

    @Test
    void sameSessionIdInTwoWorkspacesIsTwoSessions() {
        homeWith(array(session("good-1", "Same id, other workspace")));

        ImportReport report = importHome(home);

        assertTrue(report.ok());
        assertEquals("Good one", repo.get(GOOD, "good-1").getTask());
        assertEquals("Same id, other workspace", repo.get(BAD, "good-1").getTask());
    }

    @Test
    void fileNotNamedAfterAWorkspaceHashIsSkipped() {
        home = emptyHome("home");
        writeFile(home.resolve("sessions").resolve("notes.json"), array(session("n", "Not a workspace")));
        writeFile(sessionFile(home, GOOD), array(session("good-1", "Good one")));

        ImportReport report = importHome(home);

        assertEquals(2, report.filesRead());
        assertEquals(1, report.created());
        assertTrue(report.problems().get(0).message().contains("not a workspace hash"));
        assertEquals(0, countRows("SELECT count(*) FROM sessions WHERE id = 'n'"));
    }

    @Test
    void brokenMappingFileIsReportedAndSessionsStillImportWithUnknownPaths() {
        homeWith(array(session("s-ok", "Fine")));
        writeFile(home.resolve("workspace_mapping.json"), "{\"" + GOOD + "\": \"/home/dev/good\", \"" + BAD + "\": 42,");

        ImportReport report = importHome(home);

        assertEquals(3, report.created());
        assertEquals("/home/dev/good", repo.findWorkspace(GOOD).orElseThrow().getPath());
        assertNull(repo.findWorkspace(BAD).orElseThrow().getPath());
        assertEquals(2, report.problems().size(), report.problems().toString());
    }

    @Test
    void missingSessionsFolderIsAProblemNotACrash() {
        ImportReport report = importHome(dir.resolve("no-such-home"));

        assertFalse(report.ok());
        assertEquals(0, report.filesRead());
        assertTrue(report.problems().get(0).message().contains("not a folder"));
    }

    @Test
    void tenMegabyteMessageImportsWholeAndIsExportedBack() throws Exception {
        String big = "ログ出力 terminal capture line\n".repeat(10 * 1024 * 1024 / 30);
        String escaped = JSON.writeValueAsString(big);
        String content = array(session("big", "Huge capture").replace("message of big",
                escaped.substring(1, escaped.length() - 1)));
        home = emptyHome("home");
        writeFile(sessionFile(home, GOOD), content);
        assertTrue(Files.size(sessionFile(home, GOOD)) > 10_000_000);

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(big.length(), repo.get(GOOD, "big").getMessages().get(0).getContent().length());
        assertEquals(big, repo.get(GOOD, "big").getMessages().get(0).getContent());
        legacy().exportTo(dir.resolve("out"));
        assertEquals(big, readJson(dir.resolve("out/sessions/" + GOOD + ".json")).at("/0/chatHistory/0/content").asText());
    }
}
