package dev.ait42.session.bench;

import dev.ait42.session.ConflictException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionRepository;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One process of {@link ConcurrencyHarness}: {@code threads} threads writing to one store for
 * {@code seconds}: creating sessions, updating shared ones from a fresh read (retrying a stale
 * copy), appending messages to shared ones. Every acknowledged write is logged (one line, flushed
 * before the next write of that thread) so the parent can check it is in the database; the last
 * line printed is the summary the parent parses:
 * {@code RESULT writes=N conflicts=N p95Micros=N errors=Type:N,...}.
 *
 * <p>Arguments: {@code DB INDEX_DIR|- WORKSPACE SHARED_IDS(comma) SECONDS THREADS LOG CHILD_NAME}.
 */
public final class ConcurrentWriterChild {

    /** Attempts of one update when its copy keeps going stale. */
    static final int UPDATE_ATTEMPTS = 20;

    private ConcurrentWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        Path index = args[1].equals("-") ? null : Path.of(args[1]);
        String ws = args[2];
        List<String> shared = List.of(args[3].split(","));
        long seconds = Long.parseLong(args[4]);
        int threads = Integer.parseInt(args[5]);
        Path log = Path.of(args[6]);
        String name = args[7];
        StoreConfig.Builder config = db.startsWith("jdbc:") ? StoreConfig.builder(db) : StoreConfig.builder(Path.of(db));
        if (index != null) {
            config.indexDirectory(index);
        }
        SessionStore store;
        try {
            store = SessionStore.open(config.build());
        } catch (SessionStoreException e) {
            System.out.println("OPEN FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
            return;
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L; // from the open on: start-up is not writing time
        LongAdder writes = new LongAdder();
        LongAdder conflicts = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong untypedShown = new AtomicLong();
        try (store; PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] micros = new long[1 << 20];
                latencies.add(micros);
                String thread = name + "-t" + t;
                SplittableRandom random = new SplittableRandom(thread.hashCode());
                SessionRepository repo = store.sessions();
                Thread worker = new Thread(() -> {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        n++;
                        String sessionId = shared.get(random.nextInt(shared.size()));
                        long start = System.nanoTime();
                        String acknowledged;
                        try {
                            switch (random.nextInt(3)) {
                                case 0 -> {
                                    String id = thread + "-s" + n;
                                    Session s = new Session(id, SessionType.ENSEMBLE, "created by " + thread);
                                    repo.create(ws, s);
                                    acknowledged = "create " + id;
                                }
                                case 1 -> {
                                    int attempts = update(repo, ws, sessionId, conflicts);
                                    if (attempts < 0) {
                                        errors.computeIfAbsent("update_gave_up", k -> new LongAdder()).increment();
                                        continue;
                                    }
                                    acknowledged = "update " + sessionId + " " + attempts;
                                }
                                default -> {
                                    String id = thread + "-m" + n;
                                    repo.addChatMessage(ws, sessionId, new ChatMessage(id, MessageRole.ASSISTANT, "from " + thread));
                                    acknowledged = "append " + sessionId + " " + id;
                                }
                            }
                        } catch (ConflictException e) { // StaleSessionException included
                            conflicts.increment();
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                            continue;
                        } catch (SessionStoreException e) {
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                            continue;
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent("untyped " + e.getClass().getName(), k -> new LongAdder()).increment();
                            if (untypedShown.getAndIncrement() < 3) {
                                e.printStackTrace(System.out);
                            }
                            continue;
                        }
                        long took = (System.nanoTime() - start) / 1000;
                        synchronized (out) {
                            out.println(acknowledged);
                            out.flush();
                        }
                        synchronized (micros) {
                            if (micros[0] < micros.length - 1) {
                                micros[(int) ++micros[0]] = took;
                            }
                        }
                        writes.increment();
                    }
                }, thread);
                worker.start();
                workers.add(worker);
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        List<Long> all = new ArrayList<>();
        for (long[] micros : latencies) {
            for (int i = 1; i <= micros[0]; i++) {
                all.add(micros[i]);
            }
        }
        all.sort(null);
        long p95 = all.isEmpty() ? 0 : all.get((int) Math.ceil(all.size() * 0.95) - 1);
        StringBuilder errorList = new StringBuilder();
        errors.forEach((k, v) -> errorList.append(errorList.isEmpty() ? "" : ",").append(k.replace(' ', '_')).append(':').append(v.sum()));
        System.out.println("RESULT writes=" + writes.sum() + " conflicts=" + conflicts.sum() + " p95Micros=" + p95
                + " errors=" + errorList);
    }

    /**
     * Adds 1 to the shared session's counter (its timeout) from a fresh read, retrying a stale
     * copy; returns the attempts it took, -1 if every attempt met a stale copy. The counter's final value checks that no acknowledged
     * update was lost.
     */
    private static int update(SessionRepository repo, String ws, String id, LongAdder conflicts) {
        for (int attempt = 1; ; attempt++) {
            Session copy = repo.get(ws, id);
            copy.setTimeoutSeconds(copy.getTimeoutSeconds() + 1);
            try {
                repo.update(ws, copy);
                return attempt;
            } catch (StaleSessionException e) {
                conflicts.increment();
                if (attempt == UPDATE_ATTEMPTS) {
                    return -1;
                }
            }
        }
    }
}
