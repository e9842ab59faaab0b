package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.dump;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.message;
import static dev.ait42.session.repository.MutationTestData.messageIds;
import static dev.ait42.session.repository.MutationTestData.runningSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two writers never silently overwrite each other: a write from a stale copy fails. */
class OptimisticLockingTest extends StoreTestSupport {

    @Test
    void updateFromStaleCopyIsRejectedAndTheFirstWritersStateStays() {
        repo.create(ws, fullSession("run-1"));
        Session first = repo.get(ws, "run-1");
        Session second = repo.get(ws, "run-1");
        first.setTask("first writer");
        first.findInstance(0).orElseThrow().setStatus(InstanceStatus.ARCHIVED);
        second.setTask("second writer");
        second.removeInstance(second.findInstance(2).orElseThrow());
        second.setIntegrationInstanceId(null); // it was instance 2

        repo.update(ws, first);
        String afterFirst = withJdbc(c -> dump(c, onPostgresql()));
        assertThrows(StaleSessionException.class, () -> repo.update(ws, second));

        assertEquals(afterFirst, withJdbc(c -> dump(c, onPostgresql())), "the stale write changed nothing");
        Session stored = repo.get(ws, "run-1");
        assertEquals("first writer", stored.getTask());
        assertEquals(3, stored.getInstances().size());
        assertEquals(InstanceStatus.ARCHIVED, stored.findInstance(0).orElseThrow().getStatus());
        assertEquals(1L, stored.getVersion());
    }

    @Test
    void staleSessionExceptionIsAConflictThatTellsTheCallerToReread() {
        repo.create(ws, fullSession("run-1"));
        Session stale = repo.get(ws, "run-1");
        repo.update(ws, repo.get(ws, "run-1"));

        StaleSessionException e = assertThrows(StaleSessionException.class, () -> repo.update(ws, stale));

        assertInstanceOf(ConflictException.class, e);
        assertTrue(e.getMessage().contains("'run-1'"), e.getMessage());
        assertTrue(e.getMessage().contains("read it again"), e.getMessage());
    }

    @Test
    void rereadingAfterAConflictAndReapplyingSucceeds() {
        repo.create(ws, fullSession("run-1"));
        Session stale = repo.get(ws, "run-1");
        repo.changeStatus(ws, "run-1", SessionStatus.FAILED);
        stale.setModel("gpt-5");
        assertThrows(StaleSessionException.class, () -> repo.update(ws, stale));

        Session fresh = repo.get(ws, "run-1");
        fresh.setModel("gpt-5");
        repo.update(ws, fresh);

        Session stored = repo.get(ws, "run-1");
        assertEquals("gpt-5", stored.getModel());
        assertEquals(SessionStatus.FAILED, stored.getStatus(), "the other writer's change survives");
    }

    @Test
    void everyUpdateIncrementsTheVersion() {
        Session created = repo.create(ws, fullSession("run-1"));
        assertEquals(0L, created.getVersion());

        for (long expected = 1; expected <= 3; expected++) {
            Session copy = repo.get(ws, "run-1");
            copy.setTotalDuration(expected);
            assertEquals(expected, repo.update(ws, copy).getVersion());
            assertEquals(expected, countRows("SELECT version FROM sessions WHERE id = 'run-1'"));
        }
    }

    @Test
    void copyReadBeforeAddChatMessageIsStaleAfterwards() {
        assertStaleAfter(() -> repo.addChatMessage(ws, "run-1",
                message("m-new", MessageRole.ASSISTANT, "agent output", T0, 0)));
        assertEquals(List.of("m-new"), messageIds(repo.get(ws, "run-1").getMessages()),
                "the stale copy (without the message) did not drop it");
    }

    @Test
    void copyReadBeforeChangeStatusIsStaleAfterwards() {
        assertStaleAfter(() -> repo.changeStatus(ws, "run-1", SessionStatus.PAUSED));
        assertEquals(SessionStatus.PAUSED, repo.get(ws, "run-1").getStatus());
    }

    @Test
    void copyReadBeforeUpdateInstanceStatusIsStaleAfterwards() {
        assertStaleAfter(() -> repo.updateInstanceStatus(ws, "run-1", 1, InstanceStatus.FAILED));
        assertEquals(InstanceStatus.FAILED, repo.get(ws, "run-1").findInstance(1).orElseThrow().getStatus());
    }

    @Test
    void copyReadBeforeSelectWinnerIsStaleAfterwards() {
        assertStaleAfter(() -> repo.selectWinner(ws, "run-1", 0));
        assertEquals(Integer.valueOf(0), repo.get(ws, "run-1").getWinnerId());
    }

    @Test
    void copyReadBeforeSaveInstanceOutputIsStaleAfterwards() {
        assertStaleAfter(() -> repo.saveInstanceOutput(ws, "run-1", 0, new InstanceOutput("final", T0, 1, 2, 3)));
        assertEquals("final", repo.get(ws, "run-1").findInstance(0).orElseThrow().getOutput());
    }

    @Test
    void touchingAtTheInstantAlreadyStoredStillChangesUpdatedAt() {
        // Hibernate bumps the session's version only when the session row itself changes: an
        // instance or message change alone does not. Every partial write therefore relies on its
        // touch changing updatedAt, also when it runs in the same millisecond as the last write.
        Session s = runningSession("run-1", 2);
        Instant stored = s.getUpdatedAt();

        s.touch(stored);
        assertNotEquals(stored, s.getUpdatedAt(), "touch");
        assertTrue(s.getUpdatedAt().isAfter(stored));

        Instant afterTouch = s.getUpdatedAt();
        s.selectWinner(1, afterTouch);
        assertNotEquals(afterTouch, s.getUpdatedAt(), "selectWinner");

        Instant afterWinner = s.getUpdatedAt();
        s.moveTo(SessionStatus.RUNNING, afterWinner);
        assertNotEquals(afterWinner, s.getUpdatedAt(), "moveTo");
    }

    @Test
    void updateWithACopyThatWasNeverReadIsValidationAndWritesNothing() {
        repo.create(ws, fullSession("run-1"));
        Session blind = fullSession("run-1");
        blind.setTask("overwrite without reading");
        String before = withJdbc(c -> dump(c, onPostgresql()));

        ValidationException e = assertThrows(ValidationException.class, () -> repo.update(ws, blind));

        assertEquals("session.version", e.field());
        assertEquals(before, withJdbc(c -> dump(c, onPostgresql())));
    }

    @Test
    void concurrentUpdatesFromTheSameVersionHaveExactlyOneWinner() throws Exception {
        int writers = 8;
        repo.create(ws, fullSession("race"));
        List<Session> copies = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Session copy = repo.get(ws, "race");
            copy.setTask("writer " + i);
            copy.findInstance(0).orElseThrow().setOutput("output of writer " + i);
            copies.add(copy);
        }

        List<String> outcomes = runTogether(IntStream.range(0, writers).mapToObj(i -> (Callable<String>) () -> {
            try {
                repo.update(ws, copies.get(i));
                return "won " + i;
            } catch (StaleSessionException e) {
                return "stale";
            }
        }).toList());

        List<String> winners = outcomes.stream().filter(o -> o.startsWith("won")).toList();
        assertEquals(1, winners.size(), outcomes.toString());
        assertEquals(writers - 1, outcomes.stream().filter("stale"::equals).count(), outcomes.toString());
        String winner = winners.get(0).substring("won ".length());
        Session stored = repo.get(ws, "race");
        assertEquals("writer " + winner, stored.getTask());
        assertEquals("output of writer " + winner, stored.findInstance(0).orElseThrow().getOutput());
        assertEquals(1L, stored.getVersion());
    }

    @Test
    void concurrentAppendsAllLandInDistinctPositionsKeepingEachWritersOrder() throws Exception {
        int threads = 4;
        int perThread = 10;
        long pk = repo.create(ws, runningSession("chatty", 4)).getPk();

        runTogether(IntStream.range(0, threads).mapToObj(t -> (Callable<String>) () -> {
            for (int n = 0; n < perThread; n++) {
                repo.addChatMessage(ws, "chatty", message("t" + t + "-" + n, MessageRole.ASSISTANT,
                        "agent " + t + " says " + n, T0, t));
            }
            return "done";
        }).toList());

        assertEquals(threads * perThread, countRows("SELECT count(*) FROM chat_messages WHERE session_pk = " + pk));
        assertEquals(threads * perThread, countRows("SELECT count(DISTINCT seq) FROM chat_messages WHERE session_pk = " + pk));
        assertEquals(threads * perThread - 1, countRows("SELECT max(seq) FROM chat_messages WHERE session_pk = " + pk));
        List<ChatMessage> history = repo.get(ws, "chatty").getMessages();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            List<String> own = history.stream().map(ChatMessage::getId).filter(id -> id.startsWith(prefix)).toList();
            assertEquals(IntStream.range(0, perThread).mapToObj(n -> prefix + n).collect(Collectors.toList()), own);
        }
    }

    /** Creates run-1, reads a copy, runs {@code change}, then checks the copy can no longer be written. */
    private void assertStaleAfter(Executable change) {
        repo.create(ws, runningSession("run-1", 3)); // updatedAt in the past
        Session copy = repo.get(ws, "run-1");
        long versionBefore = copy.getVersion();
        try {
            change.execute();
        } catch (Throwable t) {
            throw new AssertionError("the change itself failed", t);
        }
        assertTrue(repo.get(ws, "run-1").getVersion() > versionBefore, "the change bumped the version");
        copy.setTask("written from a copy read before the change");
        String afterChange = withJdbc(c -> dump(c, onPostgresql()));

        assertThrows(StaleSessionException.class, () -> repo.update(ws, copy));

        assertEquals(afterChange, withJdbc(c -> dump(c, onPostgresql())));
    }

    /** Starts every task at once (behind a latch) and returns their results in order. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS)); // a guard against a hang, not a timing check
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
