package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.T0_MS;
import static dev.ait42.session.repository.MutationTestData.assertBetween;
import static dev.ait42.session.repository.MutationTestData.assertSameInstance;
import static dev.ait42.session.repository.MutationTestData.dump;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.instance;
import static dev.ait42.session.repository.MutationTestData.message;
import static dev.ait42.session.repository.MutationTestData.messageIds;
import static dev.ait42.session.repository.MutationTestData.runningSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board's and the runner's small writes: append a message, instance status, session status, winner, output. */
class PartialUpdatesTest extends StoreTestSupport {

    // ---- addChatMessage ----

    @Test
    void addChatMessageAppendsAfterTheExistingHistory() {
        long pk = repo.create(ws, fullSession("run-1")).getPk();

        // a timestamp earlier than every stored message: the position, not the time, decides the order
        repo.addChatMessage(ws, "run-1", message("late", MessageRole.ASSISTANT, "done", T0.minusSeconds(60), 2));

        Session read = repo.get(ws, "run-1");
        assertEquals(List.of("msg-1746176400000", "history-0-1746176460000", "sys-1", "late"),
                messageIds(read.getMessages()));
        ChatMessage added = read.getMessages().get(3);
        assertEquals("done", added.getContent());
        assertEquals(MessageRole.ASSISTANT, added.getRole());
        assertEquals(Integer.valueOf(2), added.getInstanceId());
        assertEquals(T0_MS.minusSeconds(60), added.getTimestamp());
        assertEquals(3, countRows("SELECT seq FROM chat_messages WHERE session_pk = " + pk + " AND id = 'late'"));
    }

    @Test
    void addChatMessageToEmptyHistoryStartsAtPositionZeroAndKeepsAppending() {
        assumeSqlite("group_concat");
        long pk = repo.create(ws, runningSession("run-1", 1)).getPk();

        repo.addChatMessage(ws, "run-1", message("m1", MessageRole.USER, "one", T0, null));
        repo.addChatMessage(ws, "run-1", message("m2", MessageRole.USER, "two", T0, null));
        repo.addChatMessage(ws, "run-1", message("m3", MessageRole.USER, "three", T0, null));

        assertEquals(List.of("m1", "m2", "m3"), messageIds(repo.get(ws, "run-1").getMessages()));
        assertEquals("0,1,2", queryString("SELECT group_concat(seq) FROM"
                + " (SELECT seq FROM chat_messages WHERE session_pk = " + pk + " ORDER BY seq)"));
    }

    @Test
    void addChatMessageAfterTheLastMessageWasRemovedStillAppendsAtTheEnd() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.removeMessage(copy.getMessages().get(0));
        repo.update(ws, copy);

        repo.addChatMessage(ws, "run-1", message("tail", MessageRole.USER, "tail", T0, null));

        assertEquals(List.of("history-0-1746176460000", "sys-1", "tail"),
                messageIds(repo.get(ws, "run-1").getMessages()));
    }

    @Test
    void addChatMessageTouchesUpdatedAtAndBumpsVersion() {
        repo.create(ws, runningSession("run-1", 1));
        Instant before = Timestamps.now();

        repo.addChatMessage(ws, "run-1", message("m1", MessageRole.USER, "hello", T0, null));

        Instant after = Timestamps.now();
        Session read = repo.get(ws, "run-1");
        assertBetween(before, read.getUpdatedAt(), after, "updatedAt");
        assertTrue(read.getVersion() > 0, "version was " + read.getVersion());
        assertEquals(T0_MS, read.getCreatedAt(), "createdAt is not touched");
    }

    @Test
    void addChatMessageWithIdAlreadyInTheSessionIsConflictAndWritesNothing() {
        repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertThrows(ConflictException.class, () -> repo.addChatMessage(ws, "run-1",
                message("sys-1", MessageRole.USER, "a second sys-1", T0, null)));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())), "no row, no updatedAt, no version change");
        assertEquals("Instance 1 finished", repo.get(ws, "run-1").getMessages().get(2).getContent());
    }

    @Test
    void sameMessageIdInTwoSessionsIsAllowed() {
        repo.create(ws, runningSession("run-1", 0));
        repo.create(ws, runningSession("run-2", 0));

        repo.addChatMessage(ws, "run-1", message("msg-1746176400000", MessageRole.USER, "in run 1", T0, null));
        repo.addChatMessage(ws, "run-2", message("msg-1746176400000", MessageRole.USER, "in run 2", T0, null));

        assertEquals("in run 1", repo.get(ws, "run-1").getMessages().get(0).getContent());
        assertEquals("in run 2", repo.get(ws, "run-2").getMessages().get(0).getContent());
        assertEquals(2, countRows("SELECT count(*) FROM chat_messages WHERE id = 'msg-1746176400000'"));
    }

    @Test
    void addChatMessageToUnknownSessionIsNotFoundAndWritesNothing() {
        repo.create(ws, runningSession("run-1", 0));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        NotFoundException e = assertThrows(NotFoundException.class, () -> repo.addChatMessage(ws, "nope",
                message("m1", MessageRole.USER, "lost", T0, null)));

        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void addChatMessageLeavesTheCallersMessageUntouchedSoAFailedCallCanBeRetried() {
        repo.create(ws, runningSession("run-1", 0));
        repo.create(ws, runningSession("run-2", 0));
        ChatMessage m = message("m1", MessageRole.USER, "once", T0, null);
        repo.addChatMessage(ws, "run-1", m);

        assertThrows(ConflictException.class, () -> repo.addChatMessage(ws, "run-1", m));
        repo.addChatMessage(ws, "run-2", m); // same object, another session: legacy ids repeat across sessions

        assertNull(m.getSession());
        assertEquals(2, countRows("SELECT count(*) FROM chat_messages WHERE id = 'm1'"));
    }

    // ---- updateInstanceStatus ----

    @Test
    void updateInstanceStatusSetsThatInstanceOnlyAndTouchesUpdatedAt() {
        repo.create(ws, runningSession("run-1", 3));
        Instant before = Timestamps.now();

        repo.updateInstanceStatus(ws, "run-1", 1, InstanceStatus.PAUSED);

        Instant after = Timestamps.now();
        Session read = repo.get(ws, "run-1");
        assertEquals(InstanceStatus.PAUSED, read.findInstance(1).orElseThrow().getStatus());
        assertEquals(InstanceStatus.COMPLETED, read.findInstance(0).orElseThrow().getStatus());
        assertEquals(InstanceStatus.COMPLETED, read.findInstance(2).orElseThrow().getStatus());
        assertBetween(before, read.getUpdatedAt(), after, "updatedAt");
        assertEquals(SessionStatus.RUNNING, read.getStatus(), "the session's own status is untouched");
        assertEquals("paused", queryString("SELECT i.status FROM instances i JOIN sessions s ON s.pk = i.session_pk"
                + " WHERE s.id = 'run-1' AND i.instance_id = 1"));
    }

    @Test
    void updateInstanceStatusAcceptsEverySixStatus() {
        repo.create(ws, runningSession("run-1", 1));

        for (InstanceStatus status : InstanceStatus.values()) {
            repo.updateInstanceStatus(ws, "run-1", 0, status);
            assertEquals(status, repo.get(ws, "run-1").findInstance(0).orElseThrow().getStatus());
        }
    }

    @Test
    void updateInstanceStatusOfUnknownInstanceIsNotFoundNamingTheInstance() {
        repo.create(ws, runningSession("run-1", 2));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> repo.updateInstanceStatus(ws, "run-1", 7, InstanceStatus.FAILED));

        assertTrue(e.getMessage().contains("instance 7"), e.getMessage());
        assertTrue(e.getMessage().contains("'run-1'"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void updateInstanceStatusOfUnknownSessionIsNotFoundNamingTheSession() {
        repo.create(ws, runningSession("run-1", 2));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> repo.updateInstanceStatus(ws, "run-404", 0, InstanceStatus.FAILED));

        assertTrue(e.getMessage().startsWith("session 'run-404' not found"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void updateInstanceStatusToNullIsValidationAndWritesNothing() {
        repo.create(ws, runningSession("run-1", 1));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class,
                () -> repo.updateInstanceStatus(ws, "run-1", 0, null));

        assertEquals("status", e.field());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    // ---- changeStatus ----

    @Test
    void changeStatusToCompletedStampsCompletedAtAndUpdatedAt() {
        repo.create(ws, runningSession("run-1", 1));
        Instant before = Timestamps.now();

        repo.changeStatus(ws, "run-1", SessionStatus.COMPLETED);

        Instant after = Timestamps.now();
        Session read = repo.get(ws, "run-1");
        assertEquals(SessionStatus.COMPLETED, read.getStatus());
        assertBetween(before, read.getCompletedAt(), after, "completedAt");
        assertEquals(read.getCompletedAt(), read.getUpdatedAt());
        assertEquals("completed", queryString("SELECT status FROM sessions WHERE id = 'run-1'"));
    }

    @Test
    void changeStatusBackToRunningClearsCompletedAt() {
        repo.create(ws, fullSession("run-1")); // completed, with a completedAt

        repo.changeStatus(ws, "run-1", SessionStatus.RUNNING);

        Session read = repo.get(ws, "run-1");
        assertEquals(SessionStatus.RUNNING, read.getStatus());
        assertNull(read.getCompletedAt());
        assertEquals(1, countRows("SELECT count(*) FROM sessions WHERE id = 'run-1' AND completed_at IS NULL"));
    }

    @Test
    void changeStatusToPausedClearsCompletedAt() {
        repo.create(ws, fullSession("run-1"));

        repo.changeStatus(ws, "run-1", SessionStatus.PAUSED);

        assertEquals(SessionStatus.PAUSED, repo.get(ws, "run-1").getStatus());
        assertNull(repo.get(ws, "run-1").getCompletedAt());
    }

    @Test
    void completingAnAlreadyCompletedSessionKeepsTheFirstCompletedAt() {
        Session s = fullSession("run-1");
        Instant firstCompletion = s.getCompletedAt();
        repo.create(ws, s);

        repo.changeStatus(ws, "run-1", SessionStatus.COMPLETED);

        assertEquals(firstCompletion, repo.get(ws, "run-1").getCompletedAt());
    }

    @Test
    void changeStatusToFailedKeepsCompletedAtAndTouchesUpdatedAt() {
        Session s = fullSession("run-1");
        Instant completedAt = s.getCompletedAt();
        repo.create(ws, s);
        Instant before = Timestamps.now();

        repo.changeStatus(ws, "run-1", SessionStatus.FAILED);

        Session read = repo.get(ws, "run-1");
        assertEquals(SessionStatus.FAILED, read.getStatus());
        assertEquals(completedAt, read.getCompletedAt());
        assertBetween(before, read.getUpdatedAt(), Timestamps.now(), "updatedAt");
    }

    @Test
    void changeStatusOfUnknownSessionIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> repo.changeStatus(ws, "run-404", SessionStatus.COMPLETED));

        assertTrue(e.getMessage().contains("'run-404'"), e.getMessage());
        assertEquals(0, countRows("SELECT count(*) FROM sessions"));
    }

    // ---- selectWinner ----

    @Test
    void selectWinnerCompletesTheWinnerArchivesTheOthersAndRecordsIt() {
        assumeSqlite("the check sums SQLite booleans");
        Session s = runningSession("run-1", 4);
        s.getInstances().get(3).setStatus(InstanceStatus.IDLE);
        repo.create(ws, s);
        Instant before = Timestamps.now();

        repo.selectWinner(ws, "run-1", 2);

        Session read = repo.get(ws, "run-1");
        assertEquals(Integer.valueOf(2), read.getWinnerId());
        assertEquals(List.of(InstanceStatus.ARCHIVED, InstanceStatus.ARCHIVED, InstanceStatus.COMPLETED,
                InstanceStatus.ARCHIVED), read.getInstances().stream().map(Instance::getStatus).toList());
        assertBetween(before, read.getUpdatedAt(), Timestamps.now(), "updatedAt");
        assertEquals("2|1|3", queryString("SELECT s.winner_id || '|' || sum(i.status = 'completed') || '|'"
                + " || sum(i.status = 'archived') FROM sessions s JOIN instances i ON i.session_pk = s.pk"
                + " WHERE s.id = 'run-1'"));
    }

    @Test
    void selectingAnotherWinnerMovesTheWin() {
        repo.create(ws, runningSession("run-1", 3));
        repo.selectWinner(ws, "run-1", 0);

        repo.selectWinner(ws, "run-1", 1);

        Session read = repo.get(ws, "run-1");
        assertEquals(Integer.valueOf(1), read.getWinnerId());
        assertEquals(List.of(InstanceStatus.ARCHIVED, InstanceStatus.COMPLETED, InstanceStatus.ARCHIVED),
                read.getInstances().stream().map(Instance::getStatus).toList());
    }

    @Test
    void selectWinnerOfUnknownInstanceIsADanglingWinnerAndChangesNothing() {
        repo.create(ws, runningSession("run-1", 3));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class, () -> repo.selectWinner(ws, "run-1", 3));

        assertEquals("winnerId", e.field());
        assertEquals("winnerId: 3 names no instance of session 'run-1'", e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())), "no instance archived, no winner set");
    }

    @Test
    void selectWinnerOfUnknownSessionIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> repo.selectWinner(ws, "run-404", 0));

        assertTrue(e.getMessage().contains("'run-404'"), e.getMessage());
    }

    // ---- saveInstanceOutput ----

    @Test
    void saveInstanceOutputStoresOutputEndTimeAndCountsOfThatInstanceOnly() {
        assumeSqlite("the end time in its SQLite text form");
        repo.create(ws, runningSession("run-1", 2));
        Instant end = Instant.parse("2025-05-02T09:30:00.456789Z");
        Instant before = Timestamps.now();

        repo.saveInstanceOutput(ws, "run-1", 1, new InstanceOutput("$ cargo test\nok 🦀", end, 4, 200, 17));

        Session read = repo.get(ws, "run-1");
        Instance saved = read.findInstance(1).orElseThrow();
        assertEquals("$ cargo test\nok 🦀", saved.getOutput());
        assertEquals(Instant.parse("2025-05-02T09:30:00.456Z"), saved.getEndTime());
        assertEquals(Integer.valueOf(4), saved.getFilesChanged());
        assertEquals(Integer.valueOf(200), saved.getLinesAdded());
        assertEquals(Integer.valueOf(17), saved.getLinesDeleted());
        assertEquals(InstanceStatus.FAILED, saved.getStatus(), "status is not part of the output");
        assertEquals("agent-1", saved.getAgentName());
        assertSameInstance(instance(0), read.findInstance(0).orElseThrow());
        assertBetween(before, read.getUpdatedAt(), Timestamps.now(), "updatedAt");
        assertEquals("2025-05-02T09:30:00.456Z|4|200|17", queryString("SELECT " + timeText("i.end_time") + " || '|' || i.files_changed"
                + " || '|' || i.lines_added || '|' || i.lines_deleted FROM instances i JOIN sessions s"
                + " ON s.pk = i.session_pk WHERE s.id = 'run-1' AND i.instance_id = 1"));
    }

    @Test
    void saveInstanceOutputWithNullsStoresUnknown() {
        repo.create(ws, runningSession("run-1", 1)); // instance 0 has output, end time and counts

        repo.saveInstanceOutput(ws, "run-1", 0, new InstanceOutput(null, null, null, null, null));

        Instance saved = repo.get(ws, "run-1").findInstance(0).orElseThrow();
        assertNull(saved.getOutput());
        assertNull(saved.getEndTime());
        assertNull(saved.getFilesChanged());
        assertNull(saved.getLinesAdded());
        assertNull(saved.getLinesDeleted());
    }

    @Test
    void saveInstanceOutputWithANegativeCountIsValidationNamingTheFieldAndWritesNothing() {
        repo.create(ws, runningSession("run-1", 1));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertOutputRejected(new InstanceOutput("x", T0, -1, 0, 0), "output.filesChanged");
        assertOutputRejected(new InstanceOutput("x", T0, 0, -5, 0), "output.linesAdded");
        assertOutputRejected(new InstanceOutput("x", T0, 0, 0, Integer.MIN_VALUE), "output.linesDeleted");
        assertOutputRejected(new InstanceOutput("x", Instant.parse("+10000-01-01T00:00:00Z"), 0, 0, 0),
                "output.endTime");
        assertOutputRejected(null, "output");

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
        assertFalse(repo.get(ws, "run-1").findInstance(0).orElseThrow().getOutput().equals("x"));
    }

    @Test
    void saveInstanceOutputOfUnknownInstanceIsNotFoundAndWritesNothing() {
        repo.create(ws, runningSession("run-1", 1));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        NotFoundException e = assertThrows(NotFoundException.class, () -> repo.saveInstanceOutput(ws, "run-1", 9,
                new InstanceOutput("x", T0, 1, 1, 1)));

        assertTrue(e.getMessage().contains("instance 9"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    private void assertOutputRejected(InstanceOutput output, String field) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> repo.saveInstanceOutput(ws, "run-1", 0, output), field);

        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
