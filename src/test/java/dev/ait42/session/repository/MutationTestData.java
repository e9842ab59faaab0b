package dev.ait42.session.repository;

import dev.ait42.session.DatabaseDump;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.IntegrationPhase;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Test data and database checks shared by the repository's mutation tests: sessions with every
 * field set (timestamps fixed in the past, so a "touch" is always visible), a full dump of the
 * session tables read with plain JDBC, and field-by-field comparisons.
 */
final class MutationTestData {

    /** A fixed moment with a sub-millisecond part, to check truncation to the stored precision. */
    static final Instant T0 = Instant.parse("2025-05-02T09:00:00.123456789Z");
    /** {@link #T0} at the stored (millisecond) precision. */
    static final Instant T0_MS = Instant.parse("2025-05-02T09:00:00.123Z");

    private MutationTestData() {
    }

    /** A completed ensemble with every scalar set, instances 0..2 and three messages. */
    static Session fullSession(String id) {
        Session s = new Session(id, SessionType.ENSEMBLE, "Add dark mode to the settings page");
        s.setStatus(SessionStatus.COMPLETED);
        s.setCreatedAt(T0);
        s.setUpdatedAt(T0.plusSeconds(60));
        s.setCompletedAt(T0.plusSeconds(600));
        s.setModel("claude-sonnet-4");
        s.setTimeoutSeconds(3600L);
        s.setPreserveWorktrees(true);
        s.setWinnerId(1);
        s.setRuntimeMix(List.of("claude", "codex", "gemini"));
        s.setTotalDuration(540L);
        s.setTotalFilesChanged(7);
        s.setTotalLinesAdded(120);
        s.setTotalLinesDeleted(30);
        s.setIntegrationPhase(IntegrationPhase.IN_PROGRESS);
        s.setIntegrationInstanceId(2);
        for (int i = 0; i < 3; i++) {
            s.addInstance(instance(i));
        }
        s.addMessage(message("msg-1746176400000", MessageRole.USER, "Please add a dark mode", T0, null));
        s.addMessage(message("history-0-1746176460000", MessageRole.ASSISTANT, "Working on it", T0.plusSeconds(60), 0));
        s.addMessage(message("sys-1", MessageRole.SYSTEM, "Instance 1 finished", T0.plusSeconds(120), 1));
        return s;
    }

    /** A running competition last updated in the past, with instances 0..n-1 and no messages. */
    static Session runningSession(String id, int instances) {
        Session s = new Session(id, SessionType.COMPETITION, "Fix the flaky login test");
        s.setCreatedAt(T0);
        s.setUpdatedAt(T0);
        for (int i = 0; i < instances; i++) {
            s.addInstance(instance(i));
        }
        return s;
    }

    /** An instance with every field set to values derived from its number. */
    static Instance instance(int n) {
        Instance i = new Instance(n);
        i.setWorktreePath("/work/.worktrees/ensemble-" + n);
        i.setBranch("ensemble/instance-" + n);
        i.setAgentName("agent-" + n);
        i.setTmuxSessionId("ait42-ensemble-" + n);
        i.setStatus(n % 2 == 0 ? InstanceStatus.COMPLETED : InstanceStatus.FAILED);
        i.setOutput("output of instance " + n + "\n$ npm test\nall green\n");
        i.setStartTime(T0.plusSeconds(n));
        i.setEndTime(T0.plusSeconds(300 + n));
        i.setFilesChanged(n + 1);
        i.setLinesAdded(10 * (n + 1));
        i.setLinesDeleted(n);
        i.setRuntime(n == 0 ? "claude" : "codex");
        i.setModel("model-" + n);
        i.setRuntimeLabel("Runtime " + n);
        return i;
    }

    static ChatMessage message(String id, MessageRole role, String content, Instant at, Integer instanceId) {
        ChatMessage m = new ChatMessage(id, role, content, at);
        m.setInstanceId(instanceId);
        return m;
    }

    // ---- comparisons ----

    static void assertSameScalars(Session expected, Session actual) {
        assertAll("session " + expected.getId(),
                () -> assertEquals(expected.getId(), actual.getId(), "id"),
                () -> assertEquals(expected.getType(), actual.getType(), "type"),
                () -> assertEquals(expected.getTask(), actual.getTask(), "task"),
                () -> assertEquals(expected.getStatus(), actual.getStatus(), "status"),
                () -> assertEquals(expected.getCreatedAt(), actual.getCreatedAt(), "createdAt"),
                () -> assertEquals(expected.getCompletedAt(), actual.getCompletedAt(), "completedAt"),
                () -> assertEquals(expected.getModel(), actual.getModel(), "model"),
                () -> assertEquals(expected.getTimeoutSeconds(), actual.getTimeoutSeconds(), "timeoutSeconds"),
                () -> assertEquals(expected.getPreserveWorktrees(), actual.getPreserveWorktrees(), "preserveWorktrees"),
                () -> assertEquals(expected.getWinnerId(), actual.getWinnerId(), "winnerId"),
                () -> assertEquals(expected.getRuntimeMix(), actual.getRuntimeMix(), "runtimeMix"),
                () -> assertEquals(expected.getTotalDuration(), actual.getTotalDuration(), "totalDuration"),
                () -> assertEquals(expected.getTotalFilesChanged(), actual.getTotalFilesChanged(), "totalFilesChanged"),
                () -> assertEquals(expected.getTotalLinesAdded(), actual.getTotalLinesAdded(), "totalLinesAdded"),
                () -> assertEquals(expected.getTotalLinesDeleted(), actual.getTotalLinesDeleted(), "totalLinesDeleted"),
                () -> assertEquals(expected.getIntegrationPhase(), actual.getIntegrationPhase(), "integrationPhase"),
                () -> assertEquals(expected.getIntegrationInstanceId(), actual.getIntegrationInstanceId(),
                        "integrationInstanceId"));
    }

    static void assertSameInstance(Instance expected, Instance actual) {
        String at = "instance " + expected.getInstanceId();
        assertAll(at,
                () -> assertEquals(expected.getInstanceId(), actual.getInstanceId(), at + " instanceId"),
                () -> assertEquals(expected.getWorktreePath(), actual.getWorktreePath(), at + " worktreePath"),
                () -> assertEquals(expected.getBranch(), actual.getBranch(), at + " branch"),
                () -> assertEquals(expected.getAgentName(), actual.getAgentName(), at + " agentName"),
                () -> assertEquals(expected.getTmuxSessionId(), actual.getTmuxSessionId(), at + " tmuxSessionId"),
                () -> assertEquals(expected.getStatus(), actual.getStatus(), at + " status"),
                () -> assertEquals(expected.getOutput(), actual.getOutput(), at + " output"),
                () -> assertEquals(expected.getStartTime(), actual.getStartTime(), at + " startTime"),
                () -> assertEquals(expected.getEndTime(), actual.getEndTime(), at + " endTime"),
                () -> assertEquals(expected.getFilesChanged(), actual.getFilesChanged(), at + " filesChanged"),
                () -> assertEquals(expected.getLinesAdded(), actual.getLinesAdded(), at + " linesAdded"),
                () -> assertEquals(expected.getLinesDeleted(), actual.getLinesDeleted(), at + " linesDeleted"),
                () -> assertEquals(expected.getRuntime(), actual.getRuntime(), at + " runtime"),
                () -> assertEquals(expected.getModel(), actual.getModel(), at + " model"),
                () -> assertEquals(expected.getRuntimeLabel(), actual.getRuntimeLabel(), at + " runtimeLabel"));
    }

    static void assertSameMessage(ChatMessage expected, ChatMessage actual) {
        String at = "message " + expected.getId();
        assertAll(at,
                () -> assertEquals(expected.getId(), actual.getId(), at + " id"),
                () -> assertEquals(expected.getRole(), actual.getRole(), at + " role"),
                () -> assertEquals(expected.getContent(), actual.getContent(), at + " content"),
                () -> assertEquals(expected.getTimestamp(), actual.getTimestamp(), at + " timestamp"),
                () -> assertEquals(expected.getInstanceId(), actual.getInstanceId(), at + " instanceId"));
    }

    /** Scalars, every instance (in instanceId order) and every message (in order). */
    static void assertSameGraph(Session expected, Session actual) {
        assertSameScalars(expected, actual);
        assertEquals(ids(expected.getInstances()), ids(actual.getInstances()), "instance numbers");
        for (int n = 0; n < expected.getInstances().size(); n++) {
            assertSameInstance(expected.getInstances().get(n), actual.getInstances().get(n));
        }
        assertEquals(messageIds(expected.getMessages()), messageIds(actual.getMessages()), "message ids in order");
        for (int n = 0; n < expected.getMessages().size(); n++) {
            assertSameMessage(expected.getMessages().get(n), actual.getMessages().get(n));
        }
    }

    static List<Integer> ids(List<Instance> instances) {
        return instances.stream().map(Instance::getInstanceId).toList();
    }

    static List<String> messageIds(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::getId).toList();
    }

    static void assertBetween(Instant from, Instant actual, Instant to, String what) {
        assertNotNull(actual, what);
        assertFalse(actual.isBefore(from), what + " " + actual + " is before " + from);
        assertFalse(actual.isAfter(to), what + " " + actual + " is after " + to);
    }

    // ---- the database, read with plain JDBC ----

    /**
     * Every row of every table the repository writes, in key order, as text: two equal dumps
     * mean nothing was written in between.
     */
    static String dump(Connection c, boolean postgresql) {
        return DatabaseDump.of(c, postgresql);
    }
}
