package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.IntegrationPhase;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.T0_MS;
import static dev.ait42.session.repository.MutationTestData.assertBetween;
import static dev.ait42.session.repository.MutationTestData.assertSameGraph;
import static dev.ait42.session.repository.MutationTestData.assertSameInstance;
import static dev.ait42.session.repository.MutationTestData.dump;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.ids;
import static dev.ait42.session.repository.MutationTestData.instance;
import static dev.ait42.session.repository.MutationTestData.message;
import static dev.ait42.session.repository.MutationTestData.messageIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** create, get, update (full replace) and delete of whole session graphs, checked in the file. */
class SessionLifecycleTest extends StoreTestSupport {

    // ---- create + get ----

    @Test
    void createThenGetReturnsEveryFieldOfSessionInstancesAndMessages() {
        Session expected = fullSession("run-1");
        repo.create(ws, fullSession("run-1"));

        Session read = repo.get(ws, "run-1");

        assertSameGraph(expected, read);
        assertEquals(expected.getUpdatedAt(), read.getUpdatedAt(), "create keeps the caller's updatedAt");
        assertEquals(ws, read.getWorkspace().getHash());
        assertEquals(0L, read.getVersion());
    }

    @Test
    void createReturnsTheSessionWithItsVersionAndRowKey() {
        Session s = fullSession("run-1");
        assertNull(s.getVersion());

        Session created = repo.create(ws, s);

        assertEquals(0L, created.getVersion());
        assertEquals(countRows("SELECT pk FROM sessions WHERE id = 'run-1'"), created.getPk());
    }

    @Test
    void createWritesEveryColumnInItsWireForm() {
        assumeSqlite("the forms of SQLite's columns (PostgreSQL's native types: the next test)");
        long pk = repo.create(ws, fullSession("run-1")).getPk();

        // times as epoch milliseconds: 1746176400123 is 2025-05-02T09:00:00.123Z
        assertEquals("ensemble|completed|1746176400123|1746176460123|1746177000123"
                        + "|1|[\"claude\",\"codex\",\"gemini\"]|in_progress",
                queryString("SELECT session_type || '|' || status || '|' || created_at || '|' || updated_at || '|'"
                        + " || completed_at || '|' || preserve_worktrees || '|' || runtime_mix || '|'"
                        + " || integration_phase FROM sessions WHERE pk = " + pk));
        assertEquals("failed|1746176401123|1746176701123",
                queryString("SELECT status || '|' || start_time || '|' || end_time FROM instances"
                        + " WHERE session_pk = " + pk + " AND instance_id = 1"));
        assertEquals("assistant|1746176460123|0|1|integer",
                queryString("SELECT role || '|' || timestamp || '|' || instance_id || '|' || seq || '|' || typeof(timestamp)"
                        + " FROM chat_messages WHERE session_pk = " + pk + " AND id = 'history-0-1746176460000'"));
    }

    @Test
    void postgresqlColumnsHaveNativeTypesAndHoldTheSameValues() {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPostgresql(), "PostgreSQL only");
        long pk = repo.create(ws, fullSession("run-1")).getPk();

        // completed_at, created_at, extra, preserve_worktrees, runtime_mix, updated_at
        assertEquals("timestamp with time zone|3,timestamp with time zone|3,jsonb|,boolean|,jsonb|,timestamp with time zone|3",
                queryString("SELECT string_agg(data_type || '|' || coalesce(datetime_precision::text, ''), ',' ORDER BY column_name)"
                        + " FROM information_schema.columns WHERE table_name = 'sessions'"
                        + " AND column_name IN ('created_at', 'updated_at', 'completed_at', 'preserve_worktrees', 'runtime_mix', 'extra')"));
        assertEquals("ensemble|completed|2025-05-02T09:00:00.123Z|2025-05-02T09:01:00.123Z|2025-05-02T09:10:00.123Z"
                        + "|true|[\"claude\", \"codex\", \"gemini\"]|array|in_progress",
                queryString("SELECT session_type || '|' || status || '|'"
                        + " || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || '|'"
                        + " || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || '|'"
                        + " || to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || '|'"
                        + " || preserve_worktrees || '|' || runtime_mix || '|' || jsonb_typeof(runtime_mix) || '|'"
                        + " || integration_phase FROM sessions WHERE pk = " + pk));
        assertEquals(1, countRows("SELECT count(*) FROM chat_messages WHERE session_pk = " + pk
                + " AND timestamp = TIMESTAMPTZ '2025-05-02 18:01:00.123+09:00'"), "a point in time, whatever the offset");
    }

    @Test
    void timestampsAreTruncatedToMillisecondsAndComeBackEqual() {
        Session s = fullSession("run-1");
        Instance i = s.getInstances().get(0);
        i.setStartTime(Instant.parse("2025-12-31T23:59:59.999999999Z"));
        repo.create(ws, s);

        Session read = repo.get(ws, "run-1");

        assertEquals(T0_MS, read.getCreatedAt());
        assertEquals(T0_MS, read.getMessages().get(0).getTimestamp());
        assertEquals(Instant.parse("2025-12-31T23:59:59.999Z"), read.getInstances().get(0).getStartTime());
    }

    @Test
    void optionalFieldsLeftUnsetComeBackAsNullAndFalseStaysFalse() {
        Session s = new Session("minimal", SessionType.DEBATE, "Debate: REST or GraphQL?");
        s.setPreserveWorktrees(false);
        s.setRuntimeMix(List.of());
        Instance bare = new Instance(0);
        bare.setWorktreePath("/w");
        bare.setBranch("main");
        bare.setAgentName("a");
        bare.setTmuxSessionId("t");
        s.addInstance(bare);
        s.addMessage(new ChatMessage("m", MessageRole.USER, ""));
        repo.create(ws, s);

        Session read = repo.get(ws, "minimal");

        assertEquals(Boolean.FALSE, read.getPreserveWorktrees());
        assertEquals(List.of(), read.getRuntimeMix());
        assertNull(read.getCompletedAt());
        assertNull(read.getModel());
        assertNull(read.getTimeoutSeconds());
        assertNull(read.getWinnerId());
        assertNull(read.getTotalDuration());
        assertNull(read.getIntegrationPhase());
        assertNull(read.getIntegrationInstanceId());
        Instance i = read.getInstances().get(0);
        assertEquals(InstanceStatus.IDLE, i.getStatus());
        assertNull(i.getOutput());
        assertNull(i.getStartTime());
        assertNull(i.getFilesChanged());
        assertNull(i.getRuntime());
        assertEquals("", read.getMessages().get(0).getContent(), "empty content is content, not null");
        assertNull(read.getMessages().get(0).getInstanceId());
        assertEquals(1, countRows("SELECT count(*) FROM sessions WHERE preserve_worktrees = FALSE"));
    }

    @Test
    void messagesComeBackInHistoryOrderNotByTimestampOrId() {
        Session s = MutationTestData.runningSession("run-1", 0);
        // ids and timestamps both run against the order of the history
        s.addMessage(message("c", MessageRole.USER, "first", T0.plusSeconds(30), null));
        s.addMessage(message("b", MessageRole.ASSISTANT, "second", T0.plusSeconds(10), null));
        s.addMessage(message("a", MessageRole.ASSISTANT, "third", T0.plusSeconds(10), null));
        s.addMessage(message("d", MessageRole.USER, "fourth", T0, null));
        repo.create(ws, s);

        Session read = repo.get(ws, "run-1");

        assertEquals(List.of("c", "b", "a", "d"), messageIds(read.getMessages()));
        assertEquals(List.of(0, 1, 2, 3), read.getMessages().stream().map(ChatMessage::getSeq).toList());
    }

    @Test
    void instancesComeBackOrderedByInstanceNumber() {
        Session s = MutationTestData.runningSession("run-1", 0);
        s.addInstance(instance(2));
        s.addInstance(instance(0));
        s.addInstance(instance(10));
        s.addInstance(instance(1));
        repo.create(ws, s);

        assertEquals(List.of(0, 1, 2, 10), ids(repo.get(ws, "run-1").getInstances()));
    }

    @Test
    void createdObjectCanBeUpdatedDirectly() {
        Session created = repo.create(ws, fullSession("run-1"));
        created.setTask("changed through the object create returned");

        Session updated = repo.update(ws, created);

        assertEquals(1L, updated.getVersion());
        assertEquals("changed through the object create returned", repo.get(ws, "run-1").getTask());
    }

    @Test
    void createWithAnAlreadyStoredObjectIsRejected() {
        Session created = repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class, () -> repo.create(ws, created));

        assertEquals("session", e.field());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    // ---- create conflicts and scope ----

    @Test
    void createWithDuplicateIdInSameWorkspaceIsConflictAndChangesNothing() {
        repo.create(ws, fullSession("debate-77aa"));
        String before = withJdbc(c -> dump(c, onPostgresql()));
        Session duplicate = MutationTestData.runningSession("debate-77aa", 2);
        duplicate.setTask("an impostor");

        assertThrows(ConflictException.class, () -> repo.create(ws, duplicate));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
        assertEquals("Add dark mode to the settings page", repo.get(ws, "debate-77aa").getTask());
        assertEquals(1, countRows("SELECT count(*) FROM sessions"));
        assertEquals(3, countRows("SELECT count(*) FROM instances"));
    }

    @Test
    void sameSessionIdInTwoWorkspacesIsAllowed() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        Session inA = fullSession("debate-77aa");
        Session inB = MutationTestData.runningSession("debate-77aa", 1);
        inB.setTask("the other project's debate");

        repo.create(ws, inA);
        repo.create(other, inB);

        assertEquals("Add dark mode to the settings page", repo.get(ws, "debate-77aa").getTask());
        assertEquals("the other project's debate", repo.get(other, "debate-77aa").getTask());
        assertEquals(3, repo.get(ws, "debate-77aa").getInstances().size());
        assertEquals(1, repo.get(other, "debate-77aa").getInstances().size());
        assertEquals(2, countRows("SELECT count(*) FROM sessions WHERE id = 'debate-77aa'"));
    }

    @Test
    void createIntoUnregisteredWorkspaceIsNotFoundAndWritesNothing() {
        String unregistered = "0123456789abcdef";

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> repo.create(unregistered, fullSession("run-1")));

        assertTrue(e.getMessage().contains(unregistered), e.getMessage());
        assertEquals(0, countRows("SELECT count(*) FROM sessions"));
        assertEquals(0, countRows("SELECT count(*) FROM instances"));
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages"));
    }

    // ---- update: full replace ----

    @Test
    void updateReplacesEveryScalarField() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.setType(SessionType.DEBATE);
        copy.setTask("Choose between REST and GraphQL");
        copy.setStatus(SessionStatus.FAILED);
        copy.setCreatedAt(T0.minusSeconds(3600));
        copy.setCompletedAt(null);
        copy.setModel("gpt-5");
        copy.setTimeoutSeconds(60L);
        copy.setPreserveWorktrees(false);
        copy.setWinnerId(null);
        copy.setRuntimeMix(List.of("gemini"));
        copy.setTotalDuration(0L);
        copy.setTotalFilesChanged(0);
        copy.setTotalLinesAdded(1);
        copy.setTotalLinesDeleted(2);
        copy.setIntegrationPhase(IntegrationPhase.COMPLETED);
        copy.setIntegrationInstanceId(0);

        repo.update(ws, copy);

        Session read = repo.get(ws, "run-1");
        MutationTestData.assertSameScalars(copy, read);
        assertEquals("debate|failed|gpt-5|" + (onPostgresql() ? "false" : "0") + "|[\"gemini\"]|completed",
                queryString("SELECT session_type || '|' || status || '|' || model || '|' || preserve_worktrees"
                        + " || '|' || runtime_mix || '|' || integration_phase FROM sessions WHERE id = 'run-1'"));
        assertEquals(1, countRows("SELECT count(*) FROM sessions WHERE completed_at IS NULL AND winner_id IS NULL"));
    }

    @Test
    void updateChangesAnInstanceInPlaceKeepingItsRow() {
        assumeSqlite("SQLite's rowid shows a row kept; PostgreSQL moves a row on every update");
        long pk = repo.create(ws, fullSession("run-1")).getPk();
        String rowidBefore = queryString("SELECT rowid FROM instances WHERE session_pk = " + pk + " AND instance_id = 0");
        Session copy = repo.get(ws, "run-1");
        Instance changed = copy.findInstance(0).orElseThrow();
        changed.setStatus(InstanceStatus.ARCHIVED);
        changed.setBranch("ensemble/renamed");
        changed.setOutput(null);
        changed.setLinesAdded(999);

        repo.update(ws, copy);

        assertEquals(rowidBefore,
                queryString("SELECT rowid FROM instances WHERE session_pk = " + pk + " AND instance_id = 0"),
                "the instance row is updated, not deleted and re-inserted");
        assertEquals(3, countRows("SELECT count(*) FROM instances WHERE session_pk = " + pk));
        assertEquals("archived|ensemble/renamed|999|1", queryString("SELECT status || '|' || branch || '|'"
                + " || lines_added || '|' || (output IS NULL) FROM instances WHERE session_pk = " + pk
                + " AND instance_id = 0"));
        Session read = repo.get(ws, "run-1");
        assertSameInstance(changed, read.findInstance(0).orElseThrow());
        assertSameInstance(instance(1), read.findInstance(1).orElseThrow());
        assertSameInstance(instance(2), read.findInstance(2).orElseThrow());
    }

    @Test
    void updateAddsAndRemovesInstances() {
        assumeSqlite("SQLite's rowid shows a row kept; PostgreSQL moves a row on every update");
        long pk = repo.create(ws, fullSession("run-1")).getPk();
        String rowidOfKept = queryString("SELECT rowid FROM instances WHERE session_pk = " + pk + " AND instance_id = 2");
        Session copy = repo.get(ws, "run-1");
        copy.removeInstance(copy.findInstance(1).orElseThrow());
        copy.removeInstance(copy.findInstance(0).orElseThrow());
        copy.setWinnerId(2); // what refers to an instance must refer to one the session keeps
        copy.getMessages().forEach(m -> m.setInstanceId(null));
        Instance added = instance(3);
        added.setAgentName("late-joiner");
        copy.addInstance(added);

        repo.update(ws, copy);

        assertEquals(List.of(2, 3), ids(repo.get(ws, "run-1").getInstances()));
        assertEquals(2, countRows("SELECT count(*) FROM instances WHERE session_pk = " + pk));
        assertEquals(0, countRows("SELECT count(*) FROM instances WHERE session_pk = " + pk + " AND instance_id IN (0, 1)"));
        assertEquals("late-joiner", queryString("SELECT agent_name FROM instances WHERE session_pk = " + pk
                + " AND instance_id = 3"));
        assertEquals(rowidOfKept, queryString("SELECT rowid FROM instances WHERE session_pk = " + pk
                + " AND instance_id = 2"));
    }

    @Test
    void updateAddsRemovesAndReordersMessages() {
        assumeSqlite("a SQLite trigger shows a row kept; PostgreSQL moves a row on every update");
        long pk = repo.create(ws, fullSession("run-1")).getPk();
        // Messages have no rowid (WITHOUT ROWID): a kept message's row must never be deleted.
        withJdbc(c -> c.createStatement().execute("CREATE TRIGGER test_keep_sys_1 BEFORE DELETE ON chat_messages"
                + " WHEN old.id = 'sys-1' BEGIN SELECT RAISE(ABORT, 'sys-1 deleted'); END"));
        Session copy = repo.get(ws, "run-1");
        List<ChatMessage> old = List.copyOf(copy.getMessages());
        old.forEach(copy::removeMessage);
        ChatMessage system = old.get(2);
        system.setContent("Instance 1 finished (edited)");
        copy.addMessage(system);
        copy.addMessage(message("new-1", MessageRole.USER, "and one more thing", T0.plusSeconds(500), null));
        copy.addMessage(old.get(0));

        repo.update(ws, copy);

        Session read = repo.get(ws, "run-1");
        assertEquals(List.of("sys-1", "new-1", "msg-1746176400000"), messageIds(read.getMessages()));
        assertEquals("Instance 1 finished (edited)", read.getMessages().get(0).getContent());
        assertEquals(3, countRows("SELECT count(*) FROM chat_messages WHERE session_pk = " + pk));
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages WHERE id = 'history-0-1746176460000'"));
        assertEquals("sys-1,new-1,msg-1746176400000", queryString("SELECT group_concat(id) FROM"
                + " (SELECT id FROM chat_messages WHERE session_pk = " + pk + " ORDER BY seq)"));
        assertEquals("0,1,2", queryString("SELECT group_concat(seq) FROM"
                + " (SELECT seq FROM chat_messages WHERE session_pk = " + pk + " ORDER BY seq)"));
        withJdbc(c -> c.createStatement().execute("DROP TRIGGER test_keep_sys_1")); // it held: updated in place
    }

    @Test
    void updateTouchesUpdatedAtWhateverTheCopySays() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.setUpdatedAt(T0.minusSeconds(86_400));
        copy.setTask("changed");
        Instant before = Timestamps.now();

        Session updated = repo.update(ws, copy);

        Instant after = Timestamps.now();
        assertBetween(before, updated.getUpdatedAt(), after, "returned updatedAt");
        assertEquals(updated.getUpdatedAt(), repo.get(ws, "run-1").getUpdatedAt());
    }

    @Test
    void updateReturnsTheStoredStateWhichCanBeUpdatedAgain() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.setTask("first change");
        copy.addInstance(instance(5));

        Session updated = repo.update(ws, copy);
        assertEquals(List.of(0, 1, 2, 5), ids(updated.getInstances()));
        assertEquals(3, updated.getMessages().size());
        updated.setTask("second change");
        updated.removeInstance(updated.findInstance(5).orElseThrow());
        Session again = repo.update(ws, updated);

        assertEquals(2L, again.getVersion());
        Session read = repo.get(ws, "run-1");
        assertEquals("second change", read.getTask());
        assertEquals(List.of(0, 1, 2), ids(read.getInstances()));
    }

    @Test
    void updateOfADeletedSessionIsNotFoundAndDoesNotRecreateIt() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        repo.delete(ws, "run-1");

        assertThrows(NotFoundException.class, () -> repo.update(ws, copy));

        assertEquals(0, countRows("SELECT count(*) FROM sessions"));
        assertEquals(0, countRows("SELECT count(*) FROM instances"));
    }

    // ---- delete ----

    @Test
    void deleteRemovesTheSessionWithItsInstancesAndMessagesOnly() {
        long doomed = repo.create(ws, fullSession("doomed")).getPk();
        long kept = repo.create(ws, fullSession("kept")).getPk();

        repo.delete(ws, "doomed");

        assertEquals(0, countRows("SELECT count(*) FROM sessions WHERE pk = " + doomed));
        assertEquals(0, countRows("SELECT count(*) FROM instances WHERE session_pk = " + doomed));
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages WHERE session_pk = " + doomed));
        assertEquals(1, countRows("SELECT count(*) FROM sessions WHERE pk = " + kept));
        assertEquals(3, countRows("SELECT count(*) FROM instances WHERE session_pk = " + kept));
        assertEquals(3, countRows("SELECT count(*) FROM chat_messages WHERE session_pk = " + kept));
        assertTrue(repo.find(ws, "doomed").isEmpty());
        assertEquals(1, countRows("SELECT count(*) FROM workspaces WHERE hash = '" + ws + "'"),
                "deleting a session keeps its workspace");
    }

    @Test
    void deleteOfUnknownSessionIsNotFoundAndDeletesNothing() {
        repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        NotFoundException e = assertThrows(NotFoundException.class, () -> repo.delete(ws, "no-such-session"));

        assertTrue(e.getMessage().contains("no-such-session"), e.getMessage());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void aDeletedIdCanBeCreatedAgainAsANewSession() {
        repo.create(ws, fullSession("run-1"));
        repo.delete(ws, "run-1");

        // (SQLite may hand the new row the deleted row's pk: nothing of the old graph may survive.)
        repo.create(ws, MutationTestData.runningSession("run-1", 1));

        Session read = repo.get(ws, "run-1");
        assertEquals(1, read.getInstances().size());
        assertTrue(read.getMessages().isEmpty(), "no message of the deleted session comes back");
        assertEquals(SessionStatus.RUNNING, read.getStatus());
        assertEquals(1, countRows("SELECT count(*) FROM instances"));
    }

    // ---- large and non-ASCII content ----

    @Test
    void oneMegabyteOfOutputAndOfMessageContentRoundTripExactly() {
        String output = bigText(1 << 20, 'o');
        String content = bigText(1 << 20, 'c');
        Session s = fullSession("big");
        s.getInstances().get(1).setOutput(output);
        s.addMessage(message("capture", MessageRole.ASSISTANT, content, T0, 1));
        long pk = repo.create(ws, s).getPk();

        Session read = repo.get(ws, "big");

        assertEquals(output, read.findInstance(1).orElseThrow().getOutput());
        assertEquals(content, read.getMessages().get(3).getContent());
        assertEquals(1 << 20, countRows("SELECT length(output) FROM instances WHERE session_pk = " + pk
                + " AND instance_id = 1"));
        assertEquals(1 << 20, countRows("SELECT length(content) FROM chat_messages WHERE id = 'capture'"));
    }

    @Test
    void japaneseAndEmojiTextRoundTripsExactly() {
        String task = "ダークモードを設定画面に追加する 🌙 — «quotes» & 'apostrophes' 🧑‍💻";
        Session s = fullSession("日本語-セッション-🚀");
        s.setTask(task);
        s.setModel("クロード");
        s.setRuntimeMix(List.of("claude", "コーデックス", "🤖"));
        s.getInstances().get(0).setAgentName("エージェント🐙");
        String output = "テスト成功 ✅\n\ttab\r\n\u001b[32mgreen\u001b[0m"; // U+0000 is refused: see BoundedValuesTest
        s.getInstances().get(0).setOutput(output);
        s.addMessage(message("メッセージ-1", MessageRole.USER, "こんにちは、世界！👋🏽", T0, null));
        repo.create(ws, s);

        Session read = repo.get(ws, "日本語-セッション-🚀");

        assertEquals(task, read.getTask());
        assertEquals("クロード", read.getModel());
        assertEquals(List.of("claude", "コーデックス", "🤖"), read.getRuntimeMix());
        assertEquals("エージェント🐙", read.getInstances().get(0).getAgentName());
        assertEquals(output, read.getInstances().get(0).getOutput());
        assertEquals("こんにちは、世界！👋🏽", read.getMessages().get(3).getContent());
        assertEquals(task, queryString("SELECT task FROM sessions WHERE id = '日本語-セッション-🚀'"),
                "stored as this text, not mangled by the driver");
    }

    @Test
    void updatePreservesLargeAndNonAsciiContentOfUntouchedRows() {
        String output = bigText(300_000, 'x') + "終わり🏁";
        Session s = fullSession("run-1");
        s.getInstances().get(2).setOutput(output);
        repo.create(ws, s);
        Session copy = repo.get(ws, "run-1");
        copy.findInstance(0).orElseThrow().setStatus(InstanceStatus.ARCHIVED);

        repo.update(ws, copy);

        assertEquals(output, repo.get(ws, "run-1").findInstance(2).orElseThrow().getOutput());
        assertFalse(repo.get(ws, "run-1").findInstance(2).orElseThrow().getOutput().isEmpty());
    }

    /** Text of exactly {@code length} chars (all in the BMP) with lines, ASCII and Japanese. */
    private static String bigText(int length, char tag) {
        StringBuilder sb = new StringBuilder(length);
        int line = 0;
        while (sb.length() < length) {
            sb.append(tag).append(" line ").append(line++).append(" 出力 ").append("%_\\'\"").append('\n');
        }
        sb.setLength(length);
        return sb.toString();
    }
}
