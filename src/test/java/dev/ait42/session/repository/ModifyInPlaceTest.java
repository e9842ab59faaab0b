package dev.ait42.session.repository;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.search.FullTextQuery;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.message;
import static dev.ait42.session.repository.MutationTestData.messageIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modify}: a change applied to the stored session in its own transaction, written by dirty
 * checking (only what changed), version bumped, validated, and all or nothing.
 */
class ModifyInPlaceTest extends StoreTestSupport {

    /** The read of the session row, its update; PostgreSQL first takes the row lock. */
    private static long taskChangeStatements() {
        return onPostgresql() ? 3 : 2;
    }

    @Test
    void aTaskChangeIsTheReadOfTheRowAndOneUpdateAndBumpsTheVersion() {
        Session created = repo.create(ws, fullSession("run-1"));

        Session[] returned = new Session[1];
        long statements = statementsDuring(() -> returned[0] = repo.modify(ws, "run-1", s -> s.setTask("Renamed task")));

        assertEquals(taskChangeStatements(), statements);
        assertEquals(created.getVersion() + 1, returned[0].getVersion());
        assertTrue(returned[0].getUpdatedAt().isAfter(created.getUpdatedAt()), "updatedAt becomes now");
        Session stored = repo.get(ws, "run-1");
        assertEquals("Renamed task", stored.getTask());
        assertEquals(returned[0].getVersion(), stored.getVersion());
        assertEquals(3, stored.getInstances().size());
        assertEquals(List.of("msg-1746176400000", "history-0-1746176460000", "sys-1"), messageIds(stored.getMessages()));
    }

    @Test
    void onlyTheChangedColumnsAreWritten() {
        closeStore();
        dbFile = dir.resolve("inspected.db");
        SessionFilterTest.RecordingInspector inspector = new SessionFilterTest.RecordingInspector();
        open(Map.of("hibernate.session_factory.statement_inspector", inspector));
        ws = repo.registerWorkspace(dir.resolve("project-inspected")).getHash();
        repo.create(ws, fullSession("run-1"));
        inspector.sql.clear();

        repo.modify(ws, "run-1", s -> s.setTask("Renamed task"));

        List<String> updates = inspector.sql.stream().map(sql -> sql.toLowerCase(Locale.ROOT))
                .filter(sql -> sql.startsWith("update")).toList();
        assertEquals(1, updates.size(), updates.toString());
        String set = updates.get(0).substring(0, updates.get(0).indexOf(" where "));
        assertTrue(set.contains("task=") && set.contains("updated_at=") && set.contains("version="), set);
        assertFalse(set.contains("status=") || set.contains("model=") || set.contains("runtime_mix="), set);
    }

    @Test
    void aChangeOfOneInstanceLoadsTheInstancesButNotTheMessages() {
        repo.create(ws, fullSession("run-1"));

        Session returned = repo.modify(ws, "run-1", s -> s.findInstance(1).orElseThrow().setBranch("renamed/branch"));

        assertEquals("renamed/branch", returned.findInstance(1).orElseThrow().getBranch());
        assertThrows(LazyInitializationException.class, () -> returned.getMessages().size());
        Session stored = repo.get(ws, "run-1");
        assertEquals("renamed/branch", stored.findInstance(1).orElseThrow().getBranch());
        assertEquals("ensemble/instance-0", stored.findInstance(0).orElseThrow().getBranch());
        assertEquals(1L, stored.getVersion(), "a change of an instance alone bumps the session's version too");
    }

    @Test
    void aMessageAddedByTheChangeIsAppendedAndSearchable() {
        repo.create(ws, fullSession("run-1"));

        repo.modify(ws, "run-1", s -> {
            s.addMessage(message("late", MessageRole.ASSISTANT, "zebracrossing finished", MutationTestData.T0, 1));
            s.moveTo(SessionStatus.FAILED, MutationTestData.T0);
        });

        Session stored = repo.get(ws, "run-1");
        assertEquals(List.of("msg-1746176400000", "history-0-1746176460000", "sys-1", "late"), messageIds(stored.getMessages()));
        assertEquals(SessionStatus.FAILED, stored.getStatus());
        assertEquals(List.of("run-1"), services().fullText().search(FullTextQuery.matching("zebracrossing")
                .page(0, 10).build()).hits().stream().map(h -> h.session().getId()).toList());
    }

    @Test
    void aChangedTaskIsWhatTheFullTextSearchFinds() {
        repo.create(ws, fullSession("run-1"));

        repo.modify(ws, "run-1", s -> s.setTask("Migrate the quokka tables"));

        assertEquals(List.of("run-1"), services().fullText().search(FullTextQuery.matching("quokka")
                .page(0, 10).build()).hits().stream().map(h -> h.session().getId()).toList());
        assertTrue(services().fullText().search(FullTextQuery.matching("settings").page(0, 10).build()).hits()
                .isEmpty(), "the old task's words no longer match");
    }

    // ---- optimistic locking ----

    @Test
    void aCopyReadBeforeAModifyIsStaleForUpdate() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");

        repo.modify(ws, "run-1", s -> s.setTask("changed in place"));
        copy.setTask("changed from the old copy");

        assertThrows(StaleSessionException.class, () -> repo.update(ws, copy));
        assertEquals("changed in place", repo.get(ws, "run-1").getTask());
    }

    @Test
    void modifyAtAnOlderVersionIsRejectedAndChangesNothing() {
        long version = repo.create(ws, fullSession("run-1")).getVersion();
        repo.modify(ws, "run-1", version, s -> s.setTask("first writer"));
        String before = storeState("writer");

        StaleSessionException stale = assertThrows(StaleSessionException.class,
                () -> repo.modify(ws, "run-1", version, s -> s.setTask("second writer")));

        assertTrue(stale.getMessage().contains("version " + version), stale.getMessage());
        assertEquals(before, storeState("writer"));
        assertEquals("first writer", repo.get(ws, "run-1").getTask());
    }

    @Test
    void modifyAtTheCurrentVersionIsApplied() {
        long version = repo.create(ws, fullSession("run-1")).getVersion();

        Session changed = repo.modify(ws, "run-1", version, s -> s.setTask("at the version shown"));

        assertEquals(version + 1, changed.getVersion());
        assertEquals("at the version shown", repo.get(ws, "run-1").getTask());
    }

    // ---- validation and failures change nothing ----

    @Test
    void anInvalidValueIsRejectedWithItsFieldAndChangesNothing() {
        repo.create(ws, fullSession("run-1"));
        String before = storeState("dark");

        ValidationException missing = assertThrows(ValidationException.class,
                () -> repo.modify(ws, "run-1", s -> s.setTask(null)));
        ValidationException negative = assertThrows(ValidationException.class,
                () -> repo.modify(ws, "run-1", s -> s.setTotalDuration(-1L)));
        ValidationException badInstance = assertThrows(ValidationException.class,
                () -> repo.modify(ws, "run-1", s -> s.findInstance(0).orElseThrow().setBranch("two\nlines")));

        assertEquals("session.task", missing.field());
        assertEquals("session.totalDuration", negative.field());
        assertEquals("session.instances[0].branch", badInstance.field());
        assertEquals(before, storeState("dark"));
    }

    @Test
    void aWinnerThatNamesNoInstanceIsRejectedWhetherOrNotTheInstancesWereLoaded() {
        repo.create(ws, fullSession("run-1"));
        String before = storeState("dark");

        ValidationException unloaded = assertThrows(ValidationException.class,
                () -> repo.modify(ws, "run-1", s -> s.setWinnerId(9)));
        ValidationException loaded = assertThrows(ValidationException.class, () -> repo.modify(ws, "run-1", s -> {
            s.findInstance(0).orElseThrow().setAgentName("renamed");
            s.setIntegrationInstanceId(7);
        }));

        assertEquals("session.winnerId", unloaded.field());
        assertEquals("session.integrationInstanceId", loaded.field());
        assertEquals(before, storeState("dark"));
        assertEquals(2, repo.modify(ws, "run-1", s -> s.setWinnerId(2)).getWinnerId(), "an existing instance is accepted");
    }

    @Test
    void removingAnInstanceAStoredMessageRefersToIsRejectedWithoutTheChangeReadingTheMessages() {
        repo.create(ws, fullSession("run-1"));
        String before = storeState("dark");

        ValidationException dangling = assertThrows(ValidationException.class, () -> repo.modify(ws, "run-1",
                s -> s.removeInstance(s.findInstance(0).orElseThrow()))); // message history-0 is instance 0's
        assertEquals("session.messages.instanceId", dangling.field());
        assertEquals(before, storeState("dark"));

        repo.modify(ws, "run-1", s -> {
            s.removeInstance(s.findInstance(2).orElseThrow()); // no message refers to it
            s.setIntegrationInstanceId(null);
        });
        assertEquals(List.of(0, 1), MutationTestData.ids(repo.get(ws, "run-1").getInstances()));
    }

    @Test
    void anExceptionOfTheChangeRollsBackWhatItChangedAndIsReported() {
        repo.create(ws, fullSession("run-1"));
        String before = storeState("dark");
        IllegalStateException cause = new IllegalStateException("the caller's own failure");

        StorageException failed = assertThrows(StorageException.class, () -> repo.modify(ws, "run-1", s -> {
            s.setTask("half done");
            s.addMessage(new ChatMessage("half", MessageRole.USER, "half"));
            throw cause;
        }));

        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(failed.getMessage().contains("run-1"), failed.getMessage());
        assertEquals(before, storeState("dark"));
    }

    @Test
    void anUnknownSessionOrAnotherWorkspacesSessionIsNotFound() {
        repo.create(ws, fullSession("run-1"));
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();

        assertThrows(NotFoundException.class, () -> repo.modify(ws, "no-such-run", s -> s.setTask("x")));
        assertThrows(NotFoundException.class, () -> repo.modify(other, "run-1", s -> s.setTask("x")));
        assertEquals("Add dark mode to the settings page", repo.get(ws, "run-1").getTask());
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsRead() {
        assertEquals("change", assertThrows(ValidationException.class, () -> repo.modify(ws, "run-1", null)).field());
        assertEquals("sessionId", assertThrows(ValidationException.class,
                () -> repo.modify(ws, " ", s -> s.setTask("x"))).field());
        assertThrows(ValidationException.class, () -> repo.modify("not-a-hash", "run-1", s -> s.setTask("x")));
    }
}
