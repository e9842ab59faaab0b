package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.IntegrationPhase;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.dump;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.instance;
import static dev.ait42.session.repository.MutationTestData.message;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad values are rejected before anything is written, with the path of the offending field; and
 * the schema's CHECK constraints stop what bypasses the repository.
 */
class BadInputTest extends StoreTestSupport {

    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

    // ---- create: each bad value is named by its path, nothing is written ----

    @Test
    void blankEmptyOrNullSessionIdIsRejected() {
        assertCreateRejected("session.id", new Session("   ", SessionType.COMPETITION, "task"));
        assertCreateRejected("session.id", new Session("", SessionType.COMPETITION, "task"));
        assertCreateRejected("session.id", new Session(null, SessionType.COMPETITION, "task"));
        assertCreateRejected("session.id", new Session("\t\n", SessionType.COMPETITION, "task"));
        assertRejected("session", () -> repo.create(ws, null));
    }

    @Test
    void nullRequiredSessionFieldsAreRejected() {
        assertCreateRejected("session.type", s -> s.setType(null));
        assertCreateRejected("session.task", s -> s.setTask(null));
        assertCreateRejected("session.status", s -> s.setStatus(null));
        assertCreateRejected("session.createdAt", s -> s.setCreatedAt(null));
        assertCreateRejected("session.updatedAt", s -> s.setUpdatedAt(null));
    }

    @Test
    void nullBranchOfAnInstanceIsRejectedWithItsIndex() {
        assertCreateRejected("session.instances[0].branch", s -> s.getInstances().get(0).setBranch(null));
        assertCreateRejected("session.instances[2].branch", s -> s.getInstances().get(2).setBranch(null));
    }

    @Test
    void nullRequiredInstanceFieldsAreRejected() {
        assertCreateRejected("session.instances[1].worktreePath", s -> s.getInstances().get(1).setWorktreePath(null));
        assertCreateRejected("session.instances[1].agentName", s -> s.getInstances().get(1).setAgentName(null));
        assertCreateRejected("session.instances[1].tmuxSessionId", s -> s.getInstances().get(1).setTmuxSessionId(null));
        assertCreateRejected("session.instances[1].status", s -> s.getInstances().get(1).setStatus(null));
    }

    @Test
    void duplicateInstanceNumberInOneSessionIsRejected() {
        assertCreateRejected("session.instances[3].instanceId", s -> s.addInstance(instance(1)));
    }

    @Test
    void negativeInstanceNumberIsRejected() {
        assertCreateRejected("session.instances[3].instanceId", s -> s.addInstance(instance(-1)));
    }

    @Test
    void duplicateMessageIdInOneSessionIsRejected() {
        assertCreateRejected("session.messages[3].id",
                s -> s.addMessage(message("sys-1", MessageRole.USER, "again", T0, null)));
    }

    @Test
    void blankMessageIdIsRejected() {
        assertCreateRejected("session.messages[3].id",
                s -> s.addMessage(message(" \t", MessageRole.USER, "x", T0, null)));
    }

    @Test
    void nullMessageContentIsRejected() {
        assertCreateRejected("session.messages[0].content", s -> s.getMessages().get(0).setContent(null));
    }

    @Test
    void nullMessageRoleIsRejected() {
        assertCreateRejected("session.messages[1].role", s -> s.getMessages().get(1).setRole(null));
    }

    @Test
    void negativeSessionCountsAreRejected() {
        assertCreateRejected("session.totalLinesAdded", s -> s.setTotalLinesAdded(-1));
        assertCreateRejected("session.totalFilesChanged", s -> s.setTotalFilesChanged(-1));
        assertCreateRejected("session.totalLinesDeleted", s -> s.setTotalLinesDeleted(-1));
        assertCreateRejected("session.totalDuration", s -> s.setTotalDuration(-1L));
        assertCreateRejected("session.timeoutSeconds", s -> s.setTimeoutSeconds(-30L));
        assertCreateRejected("session.winnerId", s -> s.setWinnerId(-1));
        assertCreateRejected("session.integrationInstanceId", s -> s.setIntegrationInstanceId(-2));
    }

    @Test
    void negativeInstanceAndMessageCountsAreRejected() {
        assertCreateRejected("session.instances[0].filesChanged", s -> s.getInstances().get(0).setFilesChanged(-1));
        assertCreateRejected("session.instances[1].linesAdded", s -> s.getInstances().get(1).setLinesAdded(-1));
        assertCreateRejected("session.instances[2].linesDeleted", s -> s.getInstances().get(2).setLinesDeleted(-7));
        assertCreateRejected("session.messages[2].instanceId", s -> s.getMessages().get(2).setInstanceId(-1));
    }

    @Test
    void timestampsOutsideYears0000To9999AreRejected() {
        assertCreateRejected("session.createdAt", s -> s.setCreatedAt(YEAR_10000));
        assertCreateRejected("session.completedAt", s -> s.setCompletedAt(YEAR_10000));
        assertCreateRejected("session.instances[1].startTime", s -> s.getInstances().get(1).setStartTime(YEAR_10000));
        assertCreateRejected("session.messages[0].timestamp", s -> s.getMessages().get(0).setTimestamp(YEAR_10000));
        assertCreateRejected("session.instances[0].endTime",
                s -> s.getInstances().get(0).setEndTime(Instant.parse("-0001-12-31T23:59:59Z")));
    }

    @Test
    void extremeButValidTimestampsAreAccepted() {
        Session s = fullSession("edges");
        s.setCreatedAt(Instant.parse("0000-01-01T00:00:00Z"));
        s.setCompletedAt(Instant.parse("9999-12-31T23:59:59.999Z"));

        repo.create(ws, s);

        Session read = repo.get(ws, "edges");
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), read.getCreatedAt());
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"), read.getCompletedAt());
    }

    // ---- the other write paths ----

    @Test
    void updateWithABadValueIsRejectedAndLeavesTheStoredSession() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.setTask("a valid change that must not land either");
        copy.findInstance(2).orElseThrow().setBranch(null);
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class, () -> repo.update(ws, copy));

        assertEquals("session.instances[2].branch", e.field());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void addChatMessageWithBadMessageIsRejectedNamingTheField() {
        repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertRejected("message.content", () -> repo.addChatMessage(ws, "run-1",
                message("m", MessageRole.USER, null, T0, null)));
        assertRejected("message.instanceId", () -> repo.addChatMessage(ws, "run-1",
                message("m", MessageRole.USER, "x", T0, -1)));
        assertRejected("message.timestamp", () -> repo.addChatMessage(ws, "run-1",
                message("m", MessageRole.USER, "x", YEAR_10000, null)));
        assertRejected("message.id", () -> repo.addChatMessage(ws, "run-1",
                message("", MessageRole.USER, "x", T0, null)));
        assertRejected("message", () -> repo.addChatMessage(ws, "run-1", null));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void blankSessionIdInAnOperationIsRejected() {
        repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertRejected("sessionId", () -> repo.delete(ws, " "));
        assertRejected("sessionId", () -> repo.changeStatus(ws, null, SessionStatus.FAILED));
        assertRejected("sessionId", () -> repo.updateInstanceStatus(ws, "", 0, InstanceStatus.FAILED));
        assertRejected("sessionId", () -> repo.get(ws, "\n"));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void nullStatusForChangeStatusIsRejected() {
        repo.create(ws, fullSession("run-1"));
        String before = withJdbc(c -> dump(c, onPostgresql()));

        assertRejected("status", () -> repo.changeStatus(ws, "run-1", null));

        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    // ---- wire values ----

    @Test
    void unknownOrNullWireValuesAreValidationErrorsNamingFieldAndValue() {
        assertAll(
                () -> assertUnknownWire("session.status", "done", SessionStatus::fromWire),
                () -> assertUnknownWire("session.status", "RUNNING", SessionStatus::fromWire),
                () -> assertUnknownWire("session.type", "tournament", SessionType::fromWire),
                () -> assertUnknownWire("instance.status", "stopped", InstanceStatus::fromWire),
                () -> assertUnknownWire("message.role", "bot", MessageRole::fromWire),
                () -> assertUnknownWire("session.integrationPhase", "in-progress", IntegrationPhase::fromWire),
                () -> assertUnknownWire("session.status", " running", SessionStatus::fromWire),
                () -> assertEquals("session.status",
                        assertThrows(ValidationException.class, () -> SessionStatus.fromWire(null)).field()));
    }

    @Test
    void everyConstantRoundTripsThroughItsLowercaseWireValue() {
        for (SessionStatus c : SessionStatus.values()) {
            assertEquals(c, SessionStatus.fromWire(c.wire()));
        }
        for (InstanceStatus c : InstanceStatus.values()) {
            assertEquals(c, InstanceStatus.fromWire(c.wire()));
        }
        for (SessionType c : SessionType.values()) {
            assertEquals(c, SessionType.fromWire(c.wire()));
        }
        for (MessageRole c : MessageRole.values()) {
            assertEquals(c, MessageRole.fromWire(c.wire()));
        }
        for (IntegrationPhase c : IntegrationPhase.values()) {
            assertEquals(c, IntegrationPhase.fromWire(c.wire()));
        }
        assertEquals("in_progress", IntegrationPhase.IN_PROGRESS.wire());
    }

    // ---- the schema, written to directly ----

    @Test
    void rawInsertOfASessionWithUnknownStatusIsRejectedByTheCheckConstraint() throws SQLException {
        try (Connection c = rawConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(rawSession("valid-control", "'running'", timeLiteral("2025-05-02T09:00:00.000Z")));
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate(rawSession("bad-status", "'done'", timeLiteral("2025-05-02T09:00:00.000Z"))));
            assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("CHECK"), e.getMessage());
        }
        assertEquals(1, countRows("SELECT count(*) FROM sessions"));
        assertEquals(0, countRows("SELECT count(*) FROM sessions WHERE id = 'bad-status'"));
    }

    @Test
    void rawInsertOfATimestampOtherThanEpochMillisecondsIsRejectedByTheCheckConstraint() throws SQLException {
        assumeSqlite("SQLite's integer timestamps; PostgreSQL's timestamptz reads every form as a point in time");
        try (Connection c = rawConnection(); Statement st = c.createStatement()) {
            // text of any form (the canonical text earlier versions stored too), a real, outside 0000-9999
            for (String bad : List.of("'2025-05-02T09:00:00.000Z'", "'2025-05-02 09:00:00'", "'1746176400000 ms'",
                    "1746176400000.5", "-62167219200001", "253402300800000")) {
                SQLException e = assertThrows(SQLException.class,
                        () -> st.executeUpdate(rawSession("bad-time", "'running'", bad)), bad);
                assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("CHECK"), bad + ": " + e.getMessage());
            }
        }
        assertEquals(0, countRows("SELECT count(*) FROM sessions"));
    }

    @Test
    void rawInsertOfAnInstanceWithUnknownStatusIsRejectedByTheCheckConstraint() throws SQLException {
        long pk = repo.create(ws, fullSession("run-1")).getPk();
        try (Connection c = rawConnection(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "INSERT INTO instances (session_pk, instance_id, worktree_path, branch, agent_name,"
                            + " tmux_session_id, status) VALUES (" + pk + ", 9, '/w', 'b', 'a', 't', 'stopped')"));
            assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("CHECK"), e.getMessage());
        }
        assertEquals(3, countRows("SELECT count(*) FROM instances"));
    }

    @Test
    void rawInsertOfASessionOfAnUnregisteredWorkspaceIsRejectedByTheForeignKey() throws SQLException {
        try (Connection c = rawConnection(); Statement st = c.createStatement()) {
            String orphan = rawSession("orphan", "'running'", timeLiteral("2025-05-02T09:00:00.000Z"))
                    .replace("'" + ws + "'", "'0000000000000000'");
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(orphan));
            assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("FOREIGN KEY"), e.getMessage());
        }
        assertEquals(0, countRows("SELECT count(*) FROM sessions"));
    }

    // ---- helpers ----

    /** Breaks one value of an otherwise valid session and expects create to refuse it, writing nothing. */
    private void assertCreateRejected(String field, Consumer<Session> breakIt) {
        Session s = fullSession("run-1");
        breakIt.accept(s);
        assertCreateRejected(field, s);
    }

    private void assertCreateRejected(String field, Session broken) {
        assertRejected(field, () -> repo.create(ws, broken));

        assertEquals(0, countRows("SELECT count(*) FROM sessions"), field + ": no session row");
        assertEquals(0, countRows("SELECT count(*) FROM instances"), field + ": no instance row");
        assertEquals(0, countRows("SELECT count(*) FROM chat_messages"), field + ": no message row");
    }

    private static void assertRejected(String field, Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call, field);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    private static <E> void assertUnknownWire(String field, String value, Function<String, E> parse) {
        ValidationException e = assertThrows(ValidationException.class, () -> parse.apply(value), value);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    private Connection rawConnection() throws SQLException {
        if (onPostgresql()) {
            return DriverManager.getConnection(serverDatabase());
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
        }
        return c;
    }

    private String rawSession(String id, String status, String createdAt) {
        return "INSERT INTO sessions (workspace_hash, id, session_type, task, status, created_at, updated_at)"
                + " VALUES ('" + ws + "', '" + id + "', 'competition', 'raw', " + status + ", " + createdAt
                + ", " + timeLiteral("2025-05-02T09:00:00.000Z") + ")";
    }
}
