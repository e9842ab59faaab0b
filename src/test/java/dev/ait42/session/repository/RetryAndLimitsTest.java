package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.Fixtures;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed calls leave the caller's objects reusable; listings and keys behave at their limits. */
class RetryAndLimitsTest extends StoreTestSupport {

    @Test
    void failedCreateLeavesTheCallersSessionUnsavedSoItCanBeRetriedElsewhere() {
        Session original = repo.create(ws, Fixtures.sessionWithGraph("first", 1, 1));
        Session clash = Fixtures.session(original.getId(), original.getType(), "same id");
        clash.addInstance(Fixtures.instance(0, "agent"));

        assertThrows(ConflictException.class, () -> repo.create(ws, clash));

        assertNull(clash.getPk());
        assertNull(clash.getVersion());
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        Session saved = repo.create(other, clash);
        assertNotSame(clash, saved);
        assertEquals(1, repo.get(other, clash.getId()).getInstances().size());
    }

    @Test
    void updatingACopyFromASummaryListingIsAValidationErrorNotALazyLoadingCrash() {
        repo.create(ws, Fixtures.sessionWithGraph("summary", 2, 2));
        Session summary = repo.search(SessionQuery.inWorkspace(ws).fetch(FetchPlan.SUMMARY).build(), 0, 10)
                .items().get(0);
        summary.setTask("changed");

        ValidationException e = assertThrows(ValidationException.class, () -> repo.update(ws, summary));

        assertEquals("session.instances", e.field());
        assertEquals("summary", repo.get(ws, summary.getId()).getTask());
    }

    @Test
    void rowKeyOfADeletedSessionIsNeverReused() {
        Session first = repo.create(ws, Fixtures.session("first"));
        repo.delete(ws, first.getId());

        Session second = repo.create(ws, Fixtures.session("second"));

        assertNotEquals(first.getPk(), second.getPk());
    }

    @Test
    void runtimeFilterIgnoresAsciiCaseForInstancesAndTheRuntimeMixAlike() {
        Session byInstance = Fixtures.session("instance runtime");
        Instance agent = Fixtures.instance(0, "agent");
        agent.setRuntime("codex");
        byInstance.addInstance(agent);
        repo.create(ws, byInstance);
        Session byMix = Fixtures.session("runtime mix");
        byMix.setRuntimeMix(List.of("codex", "gemini"));
        repo.create(ws, byMix);

        Page<Session> found = repo.search(SessionQuery.inWorkspace(ws).runtime("CODEX").build(), 0, 10);

        assertEquals(2, found.totalElements());
    }

    @Test
    void listingMoreSessionsThanOneGraphStatementTakesLoadsEveryGraphInChunks() {
        int count = SessionGraphLoader.CHUNK + 50;
        for (int i = 0; i < count; i++) {
            repo.create(ws, Fixtures.sessionWithGraph("bulk " + i, 1, 1));
        }

        long[] statements = new long[1];
        List<Session>[] all = new List[1];
        statements[0] = statementsDuring(() -> all[0] = repo.listAll(ws));

        assertEquals(count, all[0].size());
        assertTrue(all[0].stream().allMatch(s -> s.getInstances().size() == 1 && s.getMessages().size() == 1));
        assertEquals(1 + 2 * 2, statements[0], "one page statement, two chunks of two collections");
    }
}
