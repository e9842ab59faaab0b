package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.ait42.session.legacy.SessionComparison.State.CONSISTENT;
import static dev.ait42.session.legacy.SessionComparison.State.INCONSISTENT;
import static dev.ait42.session.legacy.SessionComparison.State.ONLY_IN_DATABASE;
import static dev.ait42.session.legacy.SessionComparison.State.ONLY_IN_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify(): JSON and database compared session by session, in all four states. */
class LegacyVerificationTest extends LegacyTestSupport {

    private Map<String, SessionComparison> byId(VerificationReport report) {
        return report.sessions().stream().collect(Collectors.toMap(SessionComparison::sessionId, Function.identity()));
    }

    @Test
    void freshImportIsConsistentSessionBySession() {
        Path home = exampleHome();
        importHome(home);

        VerificationReport report = legacy().verify(home);

        assertTrue(report.consistent(), report.toString());
        assertEquals(6, report.count(CONSISTENT));
        assertEquals(List.of(), report.problems());
    }

    @Test
    void beforeAnyImportEverySessionIsOnlyInJson() {
        VerificationReport report = legacy().verify(exampleHome());

        assertFalse(report.consistent());
        assertEquals(6, report.count(ONLY_IN_JSON));
    }

    @Test
    void everyStateIsReportedWithTheDifferingPaths() {
        Path home = exampleHome();
        importHome(home);
        repo.create(ws, new Session("native", SessionType.ENSEMBLE, "Only in the database"));
        Path file = sessionFile(home, TODO_APP);
        ArrayNode sessions = (ArrayNode) readJson(file);
        ObjectNode dark = (ObjectNode) sessions.get(0);
        dark.put("task", "Changed task");
        ((ObjectNode) dark.get("instances").get(1)).put("status", "failed");
        ((ObjectNode) dark.get("evaluation")).put("winnerReason", "changed");
        ((ObjectNode) dark.get("chatHistory").get(0)).put("timestamp", "2025-05-02T18:00:00+09:00"); // same instant
        ((ObjectNode) sessions.addObject().setAll((ObjectNode) readJson(file).get(1))).put("id", "copy-of-debate");
        writeJson(file, sessions);

        VerificationReport report = legacy().verify(home);

        Map<String, SessionComparison> states = byId(report);
        assertEquals(INCONSISTENT, states.get("3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30").state());
        assertEquals(List.of("task", "evaluation.winnerReason", "instances[1].status"),
                states.get("3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30").differingFields());
        assertEquals(CONSISTENT, states.get("debate-77aa").state());
        assertEquals(ONLY_IN_JSON, states.get("copy-of-debate").state());
        assertEquals(ONLY_IN_DATABASE, states.get("native").state());
        assertEquals(ws, states.get("native").workspaceHash());
        assertEquals(5, report.count(CONSISTENT));
        assertFalse(report.consistent());
    }

    @Test
    void sessionDeletedFromTheJsonIsOnlyInDatabase() {
        Path home = exampleHome();
        importHome(home);
        Path file = sessionFile(home, API_GATEWAY);
        ArrayNode sessions = (ArrayNode) readJson(file);
        sessions.remove(0);
        writeJson(file, sessions);

        VerificationReport report = legacy().verify(home);

        assertEquals(ONLY_IN_DATABASE, byId(report).get("7f3b2a10-9c4d-4e21-b8a7-55d0c3e1f9a2").state());
        assertEquals(API_GATEWAY, byId(report).get("7f3b2a10-9c4d-4e21-b8a7-55d0c3e1f9a2").workspaceHash());
    }

    @Test
    void changeMadeThroughTheRepositoryShowsAsInconsistent() {
        Path home = exampleHome();
        importHome(home);
        repo.updateInstanceStatus(TODO_APP, "debate-77aa", 2, dev.ait42.session.model.InstanceStatus.RUNNING);

        VerificationReport report = legacy().verify(home);

        assertEquals(List.of("updatedAt", "instances[2].status"), byId(report).get("debate-77aa").differingFields());
    }

    @Test
    void invalidSessionInTheJsonIsAProblemAndInconsistentAtItsField() {
        Path home = exampleHome();
        importHome(home);
        Path file = sessionFile(home, TODO_APP);
        ArrayNode sessions = (ArrayNode) readJson(file);
        ((ObjectNode) sessions.get(1).get("instances").get(0)).put("status", "sleeping");
        writeJson(file, sessions);

        VerificationReport report = legacy().verify(home);

        assertEquals(INCONSISTENT, byId(report).get("debate-77aa").state());
        assertEquals(List.of("instances[0].status"), byId(report).get("debate-77aa").differingFields());
        assertEquals(1, report.problems().size());
        assertEquals("debate-77aa", report.problems().get(0).sessionId());
        assertFalse(report.consistent());
    }

    @Test
    void verificationWritesNothing() {
        Path home = exampleHome();
        importHome(home);
        String before = dump();

        legacy().verify(home);

        assertEquals(before, dump());
    }
}
