package dev.ait42.session;

import dev.ait42.session.legacy.ExportReport;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.VerificationReport;
import dev.ait42.session.maintenance.IntegrityReport;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.GroupStatistics;
import dev.ait42.session.repository.InstanceGrouping;
import dev.ait42.session.repository.InstanceOutput;
import dev.ait42.session.repository.KeysetPage;
import dev.ait42.session.repository.Page;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SessionStatistics;
import dev.ait42.session.repository.SortDirection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Java example, run as written, so the README cannot drift from the API. */
class ReadmeExampleTest {

    @TempDir
    Path home;

    @Test
    void readmeExampleRunsAndFindsTheCompletedSession() {
        String terminalCapture = "$ npm test\n18 passing\n";
        try (SessionStore store = SessionStore.open(home.resolve(".ait42").resolve("sessions.db"))) {
            SessionRepository sessions = store.sessions();
            String ws = sessions.registerWorkspace(home.resolve("code/todo-app")).getHash();

            Session run = new Session(UUID.randomUUID().toString(), SessionType.COMPETITION, "Add a dark mode toggle");
            Instance claude = new Instance(0);
            claude.setAgentName("frontend-developer");
            claude.setWorktreePath("/tmp/worktree-0");
            claude.setBranch("competition/0");
            claude.setTmuxSessionId("ait42-claude-0");
            claude.setRuntime("claude");
            run.addInstance(claude);
            run.addMessage(new ChatMessage("msg-1", MessageRole.USER, "Persist the theme in localStorage."));
            sessions.create(ws, run);

            sessions.addChatMessage(ws, run.getId(), new ChatMessage("msg-2", MessageRole.ASSISTANT, "Done."));
            sessions.updateInstanceStatus(ws, run.getId(), 0, InstanceStatus.COMPLETED);
            sessions.saveInstanceOutput(ws, run.getId(), 0, new InstanceOutput(terminalCapture, Instant.now(), 4, 150, 8));
            sessions.selectWinner(ws, run.getId(), 0);
            sessions.modify(ws, run.getId(), s -> s.setTask("Add a dark mode toggle with a test"));
            sessions.changeStatus(ws, run.getId(), SessionStatus.COMPLETED);

            SessionQuery finished = SessionQuery.inWorkspace(ws)
                    .types(SessionType.COMPETITION, SessionType.DEBATE)
                    .statuses(SessionStatus.COMPLETED, SessionStatus.FAILED)
                    .createdBetween(Instant.parse("2025-05-01T00:00:00Z"), null)
                    .text("dark mode")
                    .sort(SessionSort.TOTAL_DURATION, SortDirection.DESC)
                    .build();
            Page<Session> page = sessions.search(finished, 0, 50);
            KeysetPage<Session> first = sessions.searchKeyset(finished, null, 50);

            SessionStatistics stats = sessions.statistics(SessionQuery.inWorkspace(ws).build());
            List<GroupStatistics> byRuntime = sessions.statisticsBy(SessionQuery.inWorkspace(ws).build(),
                    InstanceGrouping.RUNTIME);
            IntegrityReport report = store.maintenance().checkIntegrity();

            assertEquals(1, page.totalElements());
            Session found = page.items().get(0);
            assertEquals(2, found.getMessages().size());
            assertEquals(terminalCapture, found.getInstances().get(0).getOutput());
            assertEquals(0, found.getWinnerId());
            assertEquals("Add a dark mode toggle with a test", found.getTask());
            assertTrue(found.getCompletedAt() != null);
            assertEquals(1, first.items().size());
            assertNull(first.nextCursor());
            assertEquals(1.0, stats.successRate());
            assertEquals(1, byRuntime.size());
            GroupStatistics g = byRuntime.get(0);
            assertEquals("claude", g.group());
            assertEquals(1, g.wins());
            assertEquals(1, g.competitions());
            assertEquals(1.0, g.winRate());
            assertNull(g.medianSeconds(), "the example records an end time but no start time");
            assertEquals(4.0, g.avgFilesChanged());
            assertTrue(report.ok());
        }
    }

    @Test
    void readmeLegacyExampleImportsVerifiesAndExportsTheExampleHome() {
        Path exampleHome = Path.of("examples", "ait42-home"); // the README reads LegacyHistory.defaultHome()
        try (SessionStore store = SessionStore.open(home.resolve("sessions.db"))) {
            LegacyHistory legacy = new LegacyHistory(store);
            ImportReport report = legacy.importHome(exampleHome, false,
                    (bytesRead, bytesTotal, sessionsRead) -> { });
            VerificationReport check = legacy.verify(exampleHome);
            ExportReport export = legacy.exportTo(home.resolve("old-format"));

            assertEquals(6, report.created());
            assertTrue(report.problems().isEmpty(), report.problems().toString());
            assertTrue(check.consistent(), check.toString());
            assertTrue(Files.exists(home.resolve("old-format").resolve("workspace_mapping.json")), export.toString());
        }
    }
}
