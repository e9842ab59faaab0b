package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.cli.Main;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process that writes to a store until it is killed or its time is up, for the fault trials
 * ({@link FaultTrials}): {@code FaultWriter DATABASE WORKSPACE_FOLDER PREFIX THREADS SECONDS [CALLS_PER_SECOND]}.
 * Each thread creates sessions and appends messages, each carrying a word of its own (as fast as
 * it can, or all threads together at most {@code CALLS_PER_SECOND} calls a second), and prints a
 * line per call as soon as it returns: {@code ACK <sessionId> <word> <epochMillis>} for a call that
 * returned, {@code FAIL <sessionId> <word> <exception>} for one that threw. The trials check every
 * ACK is in the database and the index, and that no FAIL is.
 */
public final class FaultWriter {

    private FaultWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Main.quietLibraryLogs();
        Path database = Path.of(args[0]);
        Path workspaceFolder = Path.of(args[1]);
        String prefix = args[2];
        int threads = Integer.parseInt(args[3]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
        double callsPerSecond = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        // two calls per write(): a thread's writes start this far apart to keep to the pace
        long writeEvery = callsPerSecond > 0 ? (long) (2e9 * threads / callsPerSecond) : 0;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (SessionStore store = SessionStore.open(StoreConfig.builder(database).build())) {
            String workspace = store.sessions().registerWorkspace(workspaceFolder).getHash();
            out.println("OPEN " + ProcessHandle.current().pid());
            long until = System.nanoTime() + duration.toNanos(); // from the open on
            AtomicLong next = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long firstAt = System.nanoTime() + writeEvery * t / threads; // the threads take turns
                Thread writer = new Thread(() -> {
                    for (long at = firstAt; System.nanoTime() < until; at += writeEvery) {
                        pauseUntil(at);
                        write(store, workspace, prefix + "-" + next.getAndIncrement(), out);
                    }
                }, "fault-writer-" + t);
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
        out.println("CLOSED");
    }

    /** One session created, then one message appended to it: two acknowledged calls. */
    private static void write(SessionStore store, String workspace, String id, PrintStream out) {
        String word = "w" + id.replaceAll("[^A-Za-z0-9]", "") + "x";
        Session session = new Session(id, SessionType.COMPETITION, "fault trial task " + word);
        Instance agent = new Instance(0);
        agent.setWorktreePath("/tmp/worktree-" + id);
        agent.setBranch("competition/" + id);
        agent.setAgentName("agent-" + id);
        agent.setTmuxSessionId("ait42-" + id);
        session.addInstance(agent);
        try {
            store.sessions().create(workspace, session);
            out.println("ACK " + id + " " + word + " " + System.currentTimeMillis());
        } catch (RuntimeException e) {
            out.println("FAIL " + id + " " + word + " " + e.getClass().getSimpleName() + ": " + oneLine(e));
            return;
        }
        String reply = "r" + word;
        try {
            store.sessions().addChatMessage(workspace, id, new ChatMessage("m1", MessageRole.ASSISTANT, "reply " + reply,
                    java.time.Instant.now()));
            out.println("ACK " + id + " " + reply + " " + System.currentTimeMillis());
        } catch (RuntimeException e) {
            out.println("FAIL " + id + " " + reply + " " + e.getClass().getSimpleName() + ": " + oneLine(e));
        }
    }

    private static void pauseUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ');
    }
}
