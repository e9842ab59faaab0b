package dev.ait42.session.search;

import dev.ait42.session.ConflictException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.repository.InstanceOutput;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index follows every repository call at once (a search right after it sees it), and only
 * calls that commit: a failed or rolled-back write leaves the index as it was.
 */
class IndexConsistencyTest extends FullTextTestSupport {

    private Session graph(String id, String task) {
        Session s = session(id, task, "first message of " + id, "second message of " + id);
        s.addInstance(instance(0, "alpha"));
        s.addInstance(instance(1, "beta"));
        return s;
    }

    @Test
    void emptyStoreHasAnEmptyConsistentIndex() {
        IndexCounts counts = services().fullText().counts();

        assertEquals(new IndexCounts(0, 0, 0, 0, 0, 0), counts);
        assertTrue(counts.consistent());
    }

    @Test
    void catchingUpManySmallWritesTakesNoMoreStatementsThanAFew() {
        long few = statementsToCatchUp("few", 3);
        long many = statementsToCatchUp("many", 30);

        assertEquals(few, many, "each kind of part is loaded in one statement, whatever the number of rows");
        assertEquals(Set.of("many-29"), Set.copyOf(ids(search("many29x"))));
        assertTrue(services().fullText().counts().consistent());
    }

    /** Statements of the catch-up after {@code sessions} sessions of three index rows each. */
    private long statementsToCatchUp(String prefix, int sessions) {
        services().fullText().catchUpNow();
        for (int i = 0; i < sessions; i++) {
            Session s = session(prefix + "-" + i, "task " + prefix + i + "x", "reply " + prefix + i + "x");
            s.addInstance(instance(0, "agent-" + prefix + i));
            save(s); // a session, an instance and a message row: each part by itself
        }
        Statistics stats = statistics();
        stats.clear();
        services().fullText().catchUpNow();
        return stats.getPrepareStatementCount();
    }

    @Test
    void createdSessionIsSearchableAtOnceInEveryField() {
        Session s = session("s", "Add a quokka endpoint", "the wombat handler");
        s.addInstance(instance(0, "platypus-agent"));
        save(s);
        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput("numbat tests pass", null, null, null, null));

        assertEquals(Set.of("s"), found("quokka"));
        assertEquals(Set.of("s"), found("wombat"));
        assertEquals(Set.of("s"), found("platypus"));
        assertEquals(Set.of("s"), found("numbat"));
        assertEquals(new IndexCounts(1, 1, 1, 1, 1, 1), services().fullText().counts());
    }

    @Test
    void updateReindexesTaskMessagesAndInstances() {
        Session s = session("s", "Original quokka task", "kept wombat message", "dropped numbat message");
        s.addInstance(instance(0, "platypus-agent"));
        s.addInstance(instance(1, "echidna-agent"));
        save(s);

        Session copy = repo.get(ws, "s");
        copy.setTask("Renamed dingo task");
        ChatMessage kept = copy.getMessages().get(0);
        kept.setContent("kept but edited bilby message");
        copy.removeMessage(copy.getMessages().get(1));
        copy.addMessage(new ChatMessage("new", MessageRole.ASSISTANT, "brand new wallaby message"));
        copy.removeInstance(copy.findInstance(1).orElseThrow());
        repo.update(ws, copy);

        for (String gone : new String[] {"quokka", "wombat", "numbat", "echidna"}) {
            assertEquals(Set.of(), found(gone), gone + " should be gone from the index");
        }
        for (String present : new String[] {"dingo", "bilby", "wallaby", "platypus"}) {
            assertEquals(Set.of("s"), found(present), present + " should be in the index");
        }
        assertEquals(new IndexCounts(1, 1, 2, 1, 1, 2), services().fullText().counts());
    }

    @Test
    void deleteRemovesEveryDocumentOfTheSession() {
        save(graph("doomed", "Doomed quokka task"));
        save(graph("kept", "Kept task"));
        assertEquals(Set.of("doomed"), found("quokka"));
        assertEquals(Set.of("doomed"), found("doomed"));

        repo.delete(ws, "doomed");

        assertEquals(Set.of(), found("quokka"));
        assertEquals(Set.of(), found("doomed"), "its messages mention its id");
        assertEquals(Set.of("kept"), found("alpha"), "the other session's instances stay");
        assertEquals(new IndexCounts(1, 2, 2, 1, 2, 2), services().fullText().counts());
    }

    @Test
    void appendedMessageIsSearchableAtOnce() {
        save("s", "Task");

        repo.addChatMessage(ws, "s", new ChatMessage("late", MessageRole.ASSISTANT, "a late capybara reply"));

        FullTextPage page = search("capybara");
        assertEquals(Set.of("s"), idSet(page));
        assertEquals("late", page.hits().get(0).matches().get(0).messageId());
        assertConsistent();
    }

    @Test
    void savedInstanceOutputReplacesTheOldOutputInTheIndex() {
        Session s = session("s", "Task");
        s.addInstance(instance(0, "alpha"));
        save(s);

        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput("first capybara run", null, null, null, null));
        assertEquals(Set.of("s"), found("capybara"));
        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput("second axolotl run", null, null, null, null));

        assertEquals(Set.of(), found("capybara"));
        assertEquals(Set.of("s"), found("axolotl"));
        assertConsistent();
    }

    @Test
    void statusChangesAreVisibleToFiltersAtOnce() {
        save(graph("s", "Capybara task"));
        repo.updateInstanceStatus(ws, "s", 0, InstanceStatus.COMPLETED);
        repo.selectWinner(ws, "s", 1);

        for (SessionStatus status : SessionStatus.values()) {
            repo.changeStatus(ws, "s", status);
            assertEquals(Set.of("s"), found("capybara", inWs().statuses(status).build()), "task hit as " + status);
            assertEquals(Set.of("s"), found("beta", inWs().statuses(status).build()), "agent hit as " + status);
            assertEquals(Set.of("s"), found("second", inWs().statuses(status).build()), "message hit as " + status);
        }
        assertConsistent();
    }

    // ---- failed writes ----

    @Test
    void staleUpdateLeavesTheIndexUnchanged() {
        save(graph("s", "Original quokka task"));
        Session first = repo.get(ws, "s");
        Session stale = repo.get(ws, "s");
        first.setTask("Winning wombat task");
        repo.update(ws, first);

        stale.setTask("Losing numbat task");
        stale.addMessage(new ChatMessage("stale", MessageRole.USER, "stale dingo message"));
        assertThrows(StaleSessionException.class, () -> repo.update(ws, stale));

        assertEquals(Set.of("s"), found("wombat"));
        assertEquals(Set.of(), found("numbat"));
        assertEquals(Set.of(), found("dingo"));
        assertEquals(Set.of(), found("quokka"));
        assertConsistent();
    }

    @Test
    void invalidUpdateLeavesTheIndexUnchanged() {
        save(graph("s", "Original quokka task"));
        Session copy = repo.get(ws, "s");
        copy.setTask("Invalid numbat task");
        copy.addMessage(new ChatMessage("bad", MessageRole.USER, null));

        assertThrows(ValidationException.class, () -> repo.update(ws, copy));

        assertEquals(Set.of("s"), found("quokka"));
        assertEquals(Set.of(), found("numbat"));
        assertConsistent();
    }

    @Test
    void createThatConflictsInTheDatabaseLeavesTheIndexUnchanged() {
        save(graph("s", "Original quokka task"));

        assertThrows(ConflictException.class, () -> save(graph("s", "Duplicate numbat task")));

        assertEquals(Set.of("s"), found("quokka"));
        assertEquals(Set.of(), found("numbat"));
        assertEquals(new IndexCounts(1, 2, 2, 1, 2, 2), services().fullText().counts());
    }

    @Test
    void appendThatConflictsInTheDatabaseLeavesTheIndexUnchanged() {
        save(graph("s", "Task"));

        // m0 already exists: the insert fails at flush, after the session row was touched
        assertThrows(ConflictException.class,
                () -> repo.addChatMessage(ws, "s", new ChatMessage("m0", MessageRole.USER, "duplicate numbat message")));

        assertEquals(Set.of(), found("numbat"));
        assertEquals(Set.of("s"), found("first"));
        assertConsistent();
    }

    // ---- bulk retention ----

    @Test
    void deleteUpdatedBeforePurgesTheDocumentsOfTheDeletedSessionsOnly() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        Instant cutoff = T0.plus(Duration.ofDays(1));
        for (String id : new String[] {"old-1", "old-2", "recent"}) {
            Session s = graph(id, "Retention capybara " + id);
            s.setUpdatedAt(id.equals("recent") ? cutoff : T0.plus(Duration.ofHours(id.equals("old-1") ? 0 : 23)));
            save(s);
        }
        Session otherOld = graph("other-old", "Retention capybara other");
        otherOld.setUpdatedAt(T0);
        repo.create(other, otherOld);
        assertEquals(4, search("capybara").totalSessions());

        int deleted = repo.deleteUpdatedBefore(ws, cutoff);

        assertEquals(2, deleted);
        assertEquals(Set.of("recent", "other-old"), found("capybara"));
        assertEquals(Set.of(), found("old-1"), "messages of deleted sessions are gone");
        assertEquals(Set.of(), found("old-2"));
        assertEquals(2, search("alpha").totalSessions(), "instances of deleted sessions are gone");
        assertConsistent();
        assertEquals(new IndexCounts(2, 4, 4, 2, 4, 4), services().fullText().counts());

        assertEquals(0, repo.deleteUpdatedBefore(ws, cutoff), "nothing left to delete");
        ValidationException e = assertThrows(ValidationException.class, () -> repo.deleteUpdatedBefore(ws, null));
        assertEquals("cutoff", e.field());
    }

    @Test
    void countsMatchTheRowsAfterAMixOfOperations() {
        save(graph("a", "Task a"));
        save(graph("b", "Task b"));
        save(graph("c", "Task c"));
        repo.addChatMessage(ws, "a", new ChatMessage("extra", MessageRole.USER, "extra message"));
        repo.delete(ws, "b");
        Session copy = repo.get(ws, "c");
        copy.removeInstance(copy.findInstance(0).orElseThrow());
        copy.addInstance(instance(5, "gamma"));
        copy.addInstance(instance(6, "delta"));
        repo.update(ws, copy);
        repo.saveInstanceOutput(ws, "a", 1, new InstanceOutput("done", null, 1, 1, 1));
        repo.changeStatus(ws, "a", SessionStatus.COMPLETED);
        Session old = graph("old", "Old task");
        old.setUpdatedAt(T0);
        save(old);
        repo.deleteUpdatedBefore(ws, T0.plusSeconds(1));

        IndexCounts counts = services().fullText().counts();
        assertEquals(new IndexCounts(2, 5, 5, 2, 5, 5), counts);
        assertConsistent();
    }

    @Test
    void catchUpBesideAStreamOfWritesMakesEverythingWrittenBeforeItSearchable() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread stream = new Thread(() -> {
            while (!stop.get()) {
                int n = written.get();
                save(session("stream-" + n, "streamed task number" + n));
                written.incrementAndGet();
            }
        }, "stream of writes");
        stream.start();
        try {
            while (written.get() < 20) {
                Thread.sleep(5);
            }
            int before = written.get();
            // The catch-up takes the rows recorded when it starts; the stream goes on meanwhile.
            assertTimeoutPreemptively(Duration.ofMinutes(2),
                    () -> services().fullText().catchUpNow());
            assertTrue(stream.isAlive(), "the stream was still writing when the catch-up ended");
            for (int n = 0; n < before; n += 5) {
                assertEquals(Set.of("stream-" + n), found("number" + n), "session " + n + " was written before the catch-up");
            }
        } finally {
            stop.set(true);
            stream.join();
        }
        services().fullText().catchUpNow();
        assertConsistent();
    }
}
