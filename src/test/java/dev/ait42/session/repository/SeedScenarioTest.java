package dev.ait42.session.repository;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.ait42.session.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The original design's four tests, translated. */
class SeedScenarioTest extends StoreTestSupport {

    @Test
    void createdSessionCanBeReadBack() {
        Session created = repo.create(ws, session("Test task"));

        Session fetched = repo.get(ws, created.getId());

        assertEquals(created.getId(), fetched.getId());
        assertEquals("Test task", fetched.getTask());
    }

    @Test
    void listAllReturnsEverySessionOfTheWorkspace() {
        for (int i = 0; i < 5; i++) {
            repo.create(ws, session("Task " + i));
        }

        assertEquals(5, repo.listAll(ws).size());
    }

    @Test
    void updateChangesTaskAndStatus() {
        Session original = repo.create(ws, session("Original task"));
        Session copy = repo.get(ws, original.getId());
        copy.setTask("Updated task");
        copy.setStatus(SessionStatus.COMPLETED);

        Session updated = repo.update(ws, copy);

        assertEquals("Updated task", updated.getTask());
        assertEquals(SessionStatus.COMPLETED, updated.getStatus());
        assertEquals("Updated task", repo.get(ws, original.getId()).getTask());
    }

    @Test
    void deletedSessionIsGone() {
        String id = UUID.randomUUID().toString();
        repo.create(ws, session(id, dev.ait42.session.model.SessionType.COMPETITION, "Test task"));

        repo.delete(ws, id);

        assertThrows(NotFoundException.class, () -> repo.get(ws, id));
    }
}
