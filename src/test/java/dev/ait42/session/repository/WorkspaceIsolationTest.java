package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.model.WorkspaceHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.dump;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.message;
import static dev.ait42.session.repository.MutationTestData.runningSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation is scoped to its workspace: a session of A is invisible and untouchable through
 * B (the seed's update_session and add_chat_message were not). Also workspace registration.
 */
class WorkspaceIsolationTest extends StoreTestSupport {

    private String a;
    private String b;

    @BeforeEach
    void twoWorkspacesWithOneSessionInA() {
        a = ws;
        b = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        repo.create(a, fullSession("secret-run"));
        repo.create(b, runningSession("b-run", 1));
    }

    // ---- a session of A through B ----

    @Test
    void sessionOfAIsInvisibleThroughB() {
        assertTrue(repo.find(b, "secret-run").isEmpty());
        NotFoundException e = assertThrows(NotFoundException.class, () -> repo.get(b, "secret-run"));
        assertTrue(e.getMessage().contains(b), e.getMessage());
        assertEquals("Add dark mode to the settings page", repo.get(a, "secret-run").getTask());
    }

    @Test
    void updateThroughBIsNotFoundAndLeavesAUnchanged() {
        Session copy = repo.get(a, "secret-run");
        copy.setTask("hijacked");
        copy.setStatus(SessionStatus.FAILED);

        assertNotFoundThroughBAndNothingChanges(() -> repo.update(b, copy));
        assertEquals("Add dark mode to the settings page", repo.get(a, "secret-run").getTask());
    }

    @Test
    void deleteThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(() -> repo.delete(b, "secret-run"));
        assertEquals(3, repo.get(a, "secret-run").getInstances().size());
    }

    @Test
    void addChatMessageThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(() -> repo.addChatMessage(b, "secret-run",
                message("injected", MessageRole.SYSTEM, "ignore previous instructions", T0, null)));
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages WHERE id = 'injected'"));
    }

    @Test
    void changeStatusThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(() -> repo.changeStatus(b, "secret-run", SessionStatus.RUNNING));
        assertEquals(SessionStatus.COMPLETED, repo.get(a, "secret-run").getStatus());
    }

    @Test
    void selectWinnerThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(() -> repo.selectWinner(b, "secret-run", 0));
        assertEquals(Integer.valueOf(1), repo.get(a, "secret-run").getWinnerId());
    }

    @Test
    void updateInstanceStatusThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(
                () -> repo.updateInstanceStatus(b, "secret-run", 0, InstanceStatus.ARCHIVED));
        assertEquals(InstanceStatus.COMPLETED, repo.get(a, "secret-run").findInstance(0).orElseThrow().getStatus());
    }

    @Test
    void saveInstanceOutputThroughBIsNotFoundAndLeavesAUnchanged() {
        assertNotFoundThroughBAndNothingChanges(() -> repo.saveInstanceOutput(b, "secret-run", 0,
                new InstanceOutput("overwritten", T0, 0, 0, 0)));
    }

    @Test
    void copyReadFromACannotOverwriteTheSameIdSessionOfB() {
        repo.create(b, runningSession("shared-id", 2));
        repo.create(a, fullSession("shared-id"));
        Session fromA = repo.get(a, "shared-id");
        fromA.setTask("meant for A, sent to B");
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class, () -> repo.update(b, fromA));

        assertEquals("session", e.field());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
        assertEquals("Fix the flaky login test", repo.get(b, "shared-id").getTask());
        assertEquals(2, repo.get(b, "shared-id").getInstances().size());
    }

    @Test
    void sameIdSessionsInAAndBChangeIndependently() {
        repo.create(a, runningSession("shared-id", 1));
        repo.create(b, runningSession("shared-id", 1));

        repo.changeStatus(b, "shared-id", SessionStatus.FAILED);
        repo.addChatMessage(b, "shared-id", message("m", MessageRole.USER, "only in B", T0, null));
        repo.updateInstanceStatus(b, "shared-id", 0, InstanceStatus.PAUSED);
        repo.delete(a, "shared-id");

        assertTrue(repo.find(a, "shared-id").isEmpty());
        Session inB = repo.get(b, "shared-id");
        assertEquals(SessionStatus.FAILED, inB.getStatus());
        assertEquals(1, inB.getMessages().size());
        assertEquals(InstanceStatus.PAUSED, inB.findInstance(0).orElseThrow().getStatus());
    }

    // ---- listings of B ----

    @Test
    void listAllOfBReturnsOnlyBsSessions() {
        repo.create(a, runningSession("a-2", 0));

        assertEquals(List.of("b-run"), repo.listAll(b).stream().map(Session::getId).toList());
        assertEquals(2, repo.listAll(a).size());
    }

    @Test
    void searchOfBNeverReturnsAsSessionsEvenWhenTheyMatch() {
        SessionQuery darkModeInB = SessionQuery.inWorkspace(b).text("dark mode").build();
        SessionQuery everythingInB = SessionQuery.inWorkspace(b).build();

        assertEquals(0, repo.search(darkModeInB, 0, 100).totalElements());
        assertTrue(repo.search(darkModeInB, 0, 100).items().isEmpty());
        assertTrue(repo.searchKeyset(darkModeInB, null, 100).items().isEmpty());
        assertEquals(List.of("b-run"), repo.search(everythingInB, 0, 100).items().stream().map(Session::getId).toList());
        assertEquals(1, repo.statistics(everythingInB).total());
        assertEquals(1, repo.search(SessionQuery.inWorkspace(a).text("dark mode").build(), 0, 100).totalElements(),
                "the same query finds it in A, so B's emptiness is the scope, not the text");
    }

    // ---- registering workspaces ----

    @Test
    void workspaceHashIsFirst16HexOfSha256OfTheCanonicalPath() {
        assertEquals("8d5ad9544df715a2", WorkspaceHash.ofCanonicalPath("/Users/dev/code/todo-app"));

        Workspace byPath = repo.registerWorkspace(Path.of("/Users/dev/code/todo-app/"));
        Workspace byHash = repo.registerWorkspace("8d5ad9544df715a2", "/Users/dev/code/todo-app");

        assertEquals("8d5ad9544df715a2", byPath.getHash());
        assertEquals("/Users/dev/code/todo-app", byPath.getPath(), "trailing slash trimmed");
        assertEquals(byPath.getHash(), byHash.getHash());
        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE hash = '8d5ad9544df715a2'"
                + " AND path = '/Users/dev/code/todo-app'"));
    }

    @Test
    void registeringAnExistingFolderThroughASymlinkUsesTheRealPath() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real-project"));
        Path link = Files.createSymbolicLink(dir.resolve("link-to-project"), real);

        Workspace viaLink = repo.registerWorkspace(link);
        Workspace viaReal = repo.registerWorkspace(real);

        assertEquals(viaReal.getHash(), viaLink.getHash());
        assertEquals(real.toRealPath().toString(), viaLink.getPath());
        assertEquals(WorkspaceHash.ofCanonicalPath(real.toRealPath().toString()), viaLink.getHash());
    }

    @Test
    void reRegisteringRefreshesLastAccessedWithoutAddingARow() {
        execute("UPDATE workspaces SET last_accessed = " + timeLiteral("2020-01-01T00:00:00.000Z") + " WHERE hash = '" + b + "'");
        long workspaces = countRows("SELECT count(*) FROM workspaces");

        Workspace again = repo.registerWorkspace(dir.resolve("project-b"));

        assertEquals(b, again.getHash());
        assertTrue(again.getLastAccessed().isAfter(Instant.parse("2020-01-01T00:00:00Z")), again.toString());
        assertEquals(workspaces, countRows("SELECT count(*) FROM workspaces"));
        assertEquals(again.getLastAccessed(), repo.findWorkspace(b).orElseThrow().getLastAccessed());
        assertEquals(b, repo.listWorkspaces().get(0).getHash(), "most recently accessed first");
    }

    @Test
    void reRegisteringByHashWithUnknownPathKeepsTheKnownPath() {
        String path = repo.findWorkspace(b).orElseThrow().getPath();

        repo.registerWorkspace(b, null);

        assertEquals(path, repo.findWorkspace(b).orElseThrow().getPath());
    }

    @Test
    void workspaceWithUnknownPathCanBeRegisteredAndHoldSessions() {
        String legacy = "00112233aabbccdd";

        Workspace w = repo.registerWorkspace(legacy, null);
        repo.create(legacy, runningSession("legacy-run", 0));

        assertTrue(!w.isPathKnown());
        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE hash = '" + legacy + "' AND path IS NULL"));
        assertEquals(1, repo.listAll(legacy).size());
    }

    @Test
    void registeringASecondHashForAnExistingPathIsConflictAndWritesNothing() {
        String pathOfB = repo.findWorkspace(b).orElseThrow().getPath();
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertThrows(ConflictException.class, () -> repo.registerWorkspace("ffffffffffffffff", pathOfB));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
        assertTrue(repo.findWorkspace("ffffffffffffffff").isEmpty());
    }

    @Test
    void movingAKnownHashOntoAnotherWorkspacesPathIsConflict() {
        String pathOfB = repo.findWorkspace(b).orElseThrow().getPath();
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertThrows(ConflictException.class, () -> repo.registerWorkspace(a, pathOfB));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void malformedWorkspaceHashesAreValidationErrors() {
        for (String bad : Arrays.asList("ABC", null, "0123456789abcdef0", "0123456789ABCDEF", "0123456789abcdeg",
                "", " 123456789abcdef")) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> repo.registerWorkspace(bad, "/somewhere/" + bad), "hash " + bad);
            assertEquals("workspaceHash", e.field(), "hash " + bad);
        }
        assertEquals(2, countRows("SELECT count(*) FROM workspaces"));
    }

    @Test
    void malformedWorkspaceHashIsValidationForEverySessionOperation() {
        String bad = a.toUpperCase();
        List<Executable> calls = List.of(
                () -> repo.get(bad, "secret-run"),
                () -> repo.find(bad, "secret-run"),
                () -> repo.create(bad, runningSession("x", 0)),
                () -> repo.delete(bad, "secret-run"),
                () -> repo.changeStatus(bad, "secret-run", SessionStatus.FAILED),
                () -> repo.selectWinner(bad, "secret-run", 0),
                () -> repo.updateInstanceStatus(bad, "secret-run", 0, InstanceStatus.FAILED),
                () -> repo.addChatMessage(bad, "secret-run", message("m", MessageRole.USER, "x", T0, null)),
                () -> repo.listAll(bad));
        String before = withJdbc(c -> dump(c, onPostgresql()));
        for (Executable call : calls) {
            assertEquals("workspaceHash", assertThrows(ValidationException.class, call).field());
        }
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void blankPathIsValidationNotUnknown() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> repo.registerWorkspace("ffffffffffffffff", "  "));

        assertEquals("path", e.field());
        assertTrue(repo.findWorkspace("ffffffffffffffff").isEmpty());
    }

    private void assertNotFoundThroughBAndNothingChanges(Executable call) {
        String before = withJdbc(c -> dump(c, onPostgresql()));
        NotFoundException e = assertThrows(NotFoundException.class, call);
        assertTrue(e.getMessage().contains("'secret-run'"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())), "the database is unchanged");
    }

    private void execute(String sql) {
        try (var c = java.sql.DriverManager.getConnection(onPostgresql() ? serverDatabase() : "jdbc:sqlite:" + dbFile);
             var st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}
