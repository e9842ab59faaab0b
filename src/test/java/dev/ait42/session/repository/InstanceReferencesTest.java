package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.function.Consumer;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The instance numbers a session refers to ({@code winnerId}, {@code integrationInstanceId}, a
 * message's {@code instanceId}) name instances of that session, on every write; a dangling one is
 * refused naming the field and the number, and the rows, documents and search answers stay.
 */
class InstanceReferencesTest extends StoreTestSupport {

    @Test
    void createWithADanglingReferenceIsRefusedNamingFieldAndNumber() {
        assertCreateRefused("session.winnerId", 3, s -> s.setWinnerId(3));
        assertCreateRefused("session.integrationInstanceId", 7, s -> s.setIntegrationInstanceId(7));
        assertCreateRefused("session.messages[1].instanceId", 5, s -> s.getMessages().get(1).setInstanceId(5));
        assertCreateRefused("session.winnerId", 1, s -> s.removeInstance(s.findInstance(1).orElseThrow()));
    }

    @Test
    void referencesToInstancesOfTheSessionAreAccepted() {
        Session s = fullSession("run-1");
        s.setWinnerId(0);
        s.setIntegrationInstanceId(0);
        s.getMessages().forEach(m -> m.setInstanceId(2));
        repo.create(ws, s);
        repo.addChatMessage(ws, "run-1", message("m-4", MessageRole.ASSISTANT, "done", T0, 1));
        repo.selectWinner(ws, "run-1", 2);

        Session read = repo.get(ws, "run-1");
        assertEquals(Integer.valueOf(2), read.getWinnerId());
        assertEquals(Integer.valueOf(0), read.getIntegrationInstanceId());
        assertEquals(Integer.valueOf(1), read.getMessages().get(3).getInstanceId());
    }

    @Test
    void updateThatLeavesAReferenceDanglingIsRefused() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.removeInstance(copy.findInstance(2).orElseThrow()); // the integration instance

        assertRefusedAndNothingChanged("session.integrationInstanceId", 2, "run-1", () -> repo.update(ws, copy));
        copy.setIntegrationInstanceId(null);
        copy.getMessages().get(2).setInstanceId(2);
        assertRefusedAndNothingChanged("session.messages[2].instanceId", 2, "run-1", () -> repo.update(ws, copy));
    }

    @Test
    void appendedMessageOfAnInstanceTheSessionLacksIsRefused() {
        repo.create(ws, fullSession("run-1"));

        assertRefusedAndNothingChanged("message.instanceId", 3, "run-1",
                () -> repo.addChatMessage(ws, "run-1", message("m-4", MessageRole.ASSISTANT, "dark mode", T0, 3)));
    }

    @Test
    void appendingAMessageTakesOneReadWithOrWithoutTheCheckOfItsInstance() {
        repo.create(ws, fullSession("run-1"));
        long without = statementsDuring(() -> repo.addChatMessage(ws, "run-1",
                message("m-4", MessageRole.USER, "no instance", T0, null)));

        long with = statementsDuring(() -> repo.addChatMessage(ws, "run-1",
                message("m-5", MessageRole.ASSISTANT, "of instance 1", T0, 1)));

        // the session, its last position and the instance check in one read; the insert; the touch
        // (on PostgreSQL the session's row lock comes first)
        long expected = onPostgresql() ? 4 : 3;
        assertEquals(expected, without, "without an instance");
        assertEquals(expected, with, "with the check of instance 1");
        Session stored = repo.get(ws, "run-1");
        assertEquals(List.of("m-4", "m-5"), stored.getMessages().subList(stored.getMessages().size() - 2,
                stored.getMessages().size()).stream().map(ChatMessage::getId).toList());
        assertEquals(1, stored.getMessages().get(stored.getMessages().size() - 1).getInstanceId());
    }

    @Test
    void winnerTheSessionLacksIsRefused() {
        repo.create(ws, fullSession("run-1"));

        assertRefusedAndNothingChanged("winnerId", 9, "run-1", () -> repo.selectWinner(ws, "run-1", 9));
    }

    // ---- helpers ----

    private void assertCreateRefused(String field, int number, Consumer<Session> breakIt) {
        Session s = fullSession("broken");
        breakIt.accept(s);
        assertRefusedAndNothingChanged(field, number, "broken", () -> repo.create(ws, s));
    }

    private void assertRefusedAndNothingChanged(String field, int number, String sessionId, Executable call) {
        String before = storeState("dark mode");
        ValidationException e = assertThrows(ValidationException.class, call, field);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(field + ": " + number + " names no instance of session '" + sessionId + "'", e.getMessage());
        assertEquals(before, storeState("dark mode"), field + ": rows, documents and search answers unchanged");
    }
}
