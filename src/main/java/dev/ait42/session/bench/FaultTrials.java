package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.IndexCounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Faults a user meets, tried for real on a SQLite store: a writing process killed with
 * {@code kill -9} at a random moment, and readers beside a writing process. Every figure comes
 * from {@link FaultWriter}'s acknowledgements, checked against the database and the index.
 */
public final class FaultTrials {

    /** What the kill trials found: every count but {@code trials} and {@code acknowledged} must be 0. */
    public record KillReport(int trials, long acknowledged, long lostAcknowledged, long failedButCommitted,
                             long indexMismatches, double recoveryP50Ms, double recoveryMaxMs) {
        public boolean clean() {
            return lostAcknowledged == 0 && failedButCommitted == 0 && indexMismatches == 0;
        }

        public String table() {
            return String.format(Locale.ROOT, "| kill -9 trials | acknowledged writes | lost | failed but committed"
                            + " | index mismatches after recovery | recovery p50 | recovery max |%n"
                            + "|---|---|---|---|---|---|---|%n| %d | %d | %d | %d | %d | %.0f ms | %.0f ms |%n",
                    trials, acknowledged, lostAcknowledged, failedButCommitted, indexMismatches, recoveryP50Ms,
                    recoveryMaxMs);
        }
    }

    /**
     * Reads in this process beside a writing process, and how soon its writes are searchable here.
     *
     * @param pace the writer's calls a second asked for (0: as fast as it can) and made
     */
    public record ReaderReport(double pace, double callsPerSecond, long acknowledged, long readCalls,
                               double readP50Ms, double readP95Ms, double visibleP50Ms, double visibleP95Ms,
                               long neverVisible) {
        public static String header() {
            return String.format(Locale.ROOT, "| writer pace | writer calls/s | sampled writes | reader calls"
                    + " | read p50 | read p95 | searchable after ack p50 | p95 | never searchable |%n"
                    + "|---|---|---|---|---|---|---|---|---|%n");
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.1f ms | %.1f ms | %.0f ms | %.0f ms | %d |%n",
                    pace == 0 ? "as fast as it can, 4 threads" : String.format(Locale.ROOT, "%.0f calls/s, 4 threads", pace),
                    callsPerSecond, acknowledged, readCalls, readP50Ms, readP95Ms, visibleP50Ms, visibleP95Ms,
                    neverVisible);
        }
    }

    private record Ack(String sessionId, String word, long atMillis) {
        boolean isMessage() {
            return word.startsWith("r");
        }
    }

    private FaultTrials() {
    }

    /**
     * {@code trials} times: a writer process with two threads on one store, killed with
     * {@code kill -9} after a random 0.3-2 s; then the store is opened here and every
     * acknowledged write looked up in the database and in the index.
     */
    public static KillReport killTrials(Path folder, int trials, long seed) {
        Path database = folder.resolve("faults.db");
        Random random = new Random(seed);
        long acknowledged = 0;
        long lost = 0;
        long failedButCommitted = 0;
        long mismatches = 0;
        Latencies recovery = new Latencies();
        for (int trial = 0; trial < trials; trial++) {
            Writer writer = Writer.start(database, folder.resolve("project"), "t" + trial, 2, 60);
            writer.awaitOpen();
            sleep(300 + random.nextInt(1700));
            writer.kill();
            long start = System.nanoTime();
            try (SessionStore store = SessionStore.open(database)) {
                String workspace = store.sessions().registerWorkspace(folder.resolve("project")).getHash();
                store.fullText().catchUpNow();
                recovery.add(System.nanoTime() - start);
                for (Ack ack : writer.acks) {
                    acknowledged++;
                    var session = store.sessions().find(workspace, ack.sessionId());
                    boolean stored = session.isPresent() && (!ack.isMessage()
                            || session.get().getMessages().stream().anyMatch(m -> m.getContent().contains(ack.word())));
                    if (!stored) {
                        lost++;
                    } else if (found(store, ack.word()) != 1) {
                        mismatches++;
                    }
                }
                for (Ack failed : writer.failures) {
                    if (!failed.isMessage() && store.sessions().find(workspace, failed.sessionId()).isPresent()) {
                        failedButCommitted++;
                    }
                }
                IndexCounts counts = store.fullText().counts();
                if (!counts.consistent()) {
                    mismatches++;
                }
            }
        }
        return new KillReport(trials, acknowledged, lost, failedButCommitted, mismatches, recovery.p50(),
                recovery.percentileMillis(100));
    }

    /** Imports killed half way and run again: every session of the files once, the index complete. */
    public record ImportKillReport(int trials, int sessionsPerHome, long killedMidway, long inconsistentAfterRerun,
                                   long indexMismatches) {
        public boolean clean() {
            return inconsistentAfterRerun == 0 && indexMismatches == 0;
        }

        public String table() {
            return String.format(Locale.ROOT, "| import kill -9 trials | sessions per home | killed before the end"
                            + " | homes not equal to the database after a rerun | index mismatches |%n"
                            + "|---|---|---|---|---|%n| %d | %d | %d | %d | %d |%n",
                    trials, sessionsPerHome, killedMidway, inconsistentAfterRerun, indexMismatches);
        }
    }

    /**
     * {@code trials} times: {@code import} of a generated legacy home in a process of its own,
     * killed with kill -9 after a random 1-4 s; then the import runs again here, and
     * {@code import --verify}'s comparison and the index check must both come out clean.
     */
    public static ImportKillReport importKillTrials(Path folder, int trials, int sessions, long seed) {
        Path home = folder.resolve("home");
        dev.ait42.session.legacy.LegacyHomeGenerator.write(home, sessions, 3, seed);
        Random random = new Random(seed);
        long killedMidway = 0;
        long inconsistent = 0;
        long mismatches = 0;
        for (int trial = 0; trial < trials; trial++) {
            Path database = folder.resolve("import-" + trial + ".db");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", ChildJvm.classPath(), dev.ait42.session.cli.Main.class.getName(), "import",
                    "--db", database.toString(), home.toString());
            try {
                Process child = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!child.waitFor(1000 + random.nextInt(3000), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                    child.waitFor();
                    killedMidway++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try (SessionStore store = SessionStore.open(database)) {
                dev.ait42.session.legacy.LegacyHistory legacy = new dev.ait42.session.legacy.LegacyHistory(store);
                legacy.importHome(home, false, dev.ait42.session.legacy.ImportProgress.NONE);
                if (!legacy.verify(home).consistent()) {
                    inconsistent++;
                }
                if (!store.fullText().differences().consistent()) {
                    mismatches++;
                }
            }
        }
        return new ImportKillReport(trials, sessions, killedMidway, inconsistent, mismatches);
    }

    /**
     * A writer process with four threads for {@code seconds}; meanwhile this process, without the
     * index writer, lists, counts and searches in one thread (the read latencies), and in another
     * looks for every fourth acknowledged session until it is found (given up after 30 s: "never
     * searchable"). The two are apart so that neither's time counts in the other's figure.
     */
    public static ReaderReport readersBesideWriter(Path folder, int seconds, double callsPerSecond) {
        Path database = folder.resolve("readers.db");
        try (SessionStore first = SessionStore.open(database)) {
            first.sessions().registerWorkspace(folder.resolve("project")); // the schema and the index exist
        }
        Writer writer = Writer.start(database, folder.resolve("project"), "r", 4, seconds, callsPerSecond);
        writer.awaitOpen();
        Latencies reads = new Latencies();
        try (SessionStore reader = SessionStore.open(database)) {
            String workspace = reader.sessions().registerWorkspace(folder.resolve("project")).getHash();
            SessionQuery all = SessionQuery.inWorkspace(workspace).build();
            VisibilityWatch watch = new VisibilityWatch(reader, writer);
            Thread watching = new Thread(watch, "searchable-after-ack");
            watching.start();
            while (watching.isAlive()) {
                long start = System.nanoTime();
                reader.sessions().search(all, 0, 20);
                reads.add(System.nanoTime() - start);
                start = System.nanoTime();
                reader.sessions().statistics(all);
                reads.add(System.nanoTime() - start);
                start = System.nanoTime();
                found(reader, "trial");
                reads.add(System.nanoTime() - start);
                sleep(20);
            }
            join(watching);
            watch.rethrow();
            // Every sampled write looked up once more, each by itself: none may be missing.
            long acknowledged = 0;
            long neverVisible = 0;
            for (Ack ack : watch.sampled) {
                if (found(reader, ack.word()) == 1) {
                    acknowledged++;
                } else {
                    neverVisible++;
                }
            }
            double made = writer.acks.size() / (double) seconds;
            return new ReaderReport(callsPerSecond, made, acknowledged, reads.count(), reads.p50(), reads.p95(), watch.visible.p50(),
                    watch.visible.p95(), neverVisible);
        } finally {
            writer.kill();
        }
    }

    /**
     * Searches for the sampled acknowledged writes until each is found: the time from its
     * acknowledgement to the end of the first search that found it.
     */
    private static final class VisibilityWatch implements Runnable {
        private final SessionStore reader;
        private final Writer writer;
        final Latencies visible = new Latencies();
        final List<Ack> sampled = new ArrayList<>();
        private volatile RuntimeException failure;

        VisibilityWatch(SessionStore reader, Writer writer) {
            this.reader = reader;
            this.writer = writer;
        }

        @Override
        public void run() {
            try {
                watch();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private void watch() {
            List<Ack> waiting = new ArrayList<>();
            int seen = 0;
            while (writer.alive() || seen < writer.acks.size() || !waiting.isEmpty()) {
                List<Ack> acks = new ArrayList<>(writer.acks);
                for (; seen < acks.size(); seen++) {
                    if (!acks.get(seen).isMessage() && seen % 4 == 0) { // a sample
                        waiting.add(acks.get(seen));
                        sampled.add(acks.get(seen));
                    }
                }
                if (waiting.isEmpty()) {
                    sleep(5);
                    continue;
                }
                // The index takes writes in commit order: a binary search finds the newest
                // waiting write it holds in a few searches, and every older one is there too
                // (a search for each would make this loop, not the index, late).
                int lo = 0;
                int hi = waiting.size() - 1;
                int newestFound = -1;
                while (lo <= hi) {
                    int mid = (lo + hi) >>> 1;
                    if (found(reader, waiting.get(mid).word()) == 1) {
                        newestFound = mid;
                        lo = mid + 1;
                    } else {
                        hi = mid - 1;
                    }
                }
                long now = System.currentTimeMillis();
                List<Ack> found = waiting.subList(0, newestFound + 1);
                found.forEach(ack -> visible.add((now - ack.atMillis()) * 1_000_000));
                found.clear();
                if (!waiting.isEmpty() && now - waiting.get(0).atMillis() > 30_000) {
                    return; // given up: the rest count as never searchable
                }
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The open after a crash on a store of {@code sessions} generated sessions: how long until it answers, caught up. */
    public record RecoveryReport(int sessions, long messages, long acknowledged, long lost, double openMs,
                                 double caughtUpMs, boolean consistent) {
        public String table() {
            return String.format(Locale.ROOT, "| store | writes acknowledged before kill -9 | lost | open after the crash"
                            + " | open and caught up | index consistent |%n|---|---|---|---|---|---|%n"
                            + "| %,d sessions, %,d messages | %d | %d | %.0f ms | %.0f ms | %s |%n",
                    sessions, messages, acknowledged, lost, openMs, caughtUpMs, consistent ? "yes" : "NO");
        }
    }

    /**
     * A store of {@code sessions} generated sessions (10 instances and 100 messages each), its
     * index built; a writer process killed with kill -9 while writing; then the time to open it
     * again and to catch the index up.
     */
    public static RecoveryReport recoveryAtScale(Path folder, int sessions) throws java.sql.SQLException {
        Path database = folder.resolve("scale.db");
        String workspace;
        try (SessionStore store = SessionStore.open(database)) {
            workspace = store.sessions().registerWorkspace(folder.resolve("project")).getHash();
        }
        try (java.sql.Connection raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database)) {
            new SyntheticHistory(42, Scale.SHAPE).write(raw, workspace, sessions);
        }
        long messages;
        try (SessionStore store = SessionStore.open(database)) { // builds the index
            store.fullText().catchUpNow();
            messages = store.fullText().counts().messageRows();
        }
        Writer writer = Writer.start(database, folder.resolve("project"), "c", 2, 60);
        writer.awaitOpen();
        sleep(3000);
        writer.kill();
        long start = System.nanoTime();
        try (SessionStore store = SessionStore.open(database)) {
            double openMs = (System.nanoTime() - start) / 1e6;
            store.fullText().catchUpNow();
            found(store, "trial");
            double caughtUpMs = (System.nanoTime() - start) / 1e6;
            long lost = writer.acks.stream().filter(ack -> !ack.isMessage())
                    .filter(ack -> store.sessions().find(workspace, ack.sessionId()).isEmpty()).count();
            return new RecoveryReport(sessions, messages, writer.acks.size(), lost, openMs, caughtUpMs,
                    store.fullText().counts().consistent());
        }
    }

    private static long found(SessionStore store, String word) {
        return store.fullText().search(FullTextQuery.matching(word).build()).totalSessions();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A {@link FaultWriter} process and what it has acknowledged so far. */
    private static final class Writer {
        final Process process;
        final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Ack> failures = new ConcurrentLinkedQueue<>();
        final List<String> other = new ArrayList<>();
        final Thread reader;
        volatile boolean open;

        private Writer(Process process) {
            this.process = process;
            this.reader = new Thread(this::readLines, "fault-writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Writer start(Path database, Path workspace, String prefix, int threads, int seconds) {
            return start(database, workspace, prefix, threads, seconds, 0);
        }

        static Writer start(Path database, Path workspace, String prefix, int threads, int seconds,
                            double callsPerSecond) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", ChildJvm.classPath(), FaultWriter.class.getName(), database.toString(),
                    workspace.toString(), prefix, String.valueOf(threads), String.valueOf(seconds),
                    String.valueOf(callsPerSecond)));
            try {
                return new Writer(new ProcessBuilder(command).redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void readLines() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] f = line.split(" ", 4);
                    if (f[0].equals("OPEN")) {
                        open = true;
                    } else if (f[0].equals("ACK") && f.length == 4 && f[3].matches("\\d+")) {
                        acks.add(new Ack(f[1], f[2], Long.parseLong(f[3])));
                    } else if (f[0].equals("FAIL") && f.length >= 3) {
                        failures.add(new Ack(f[1], f[2], System.currentTimeMillis()));
                    } else {
                        synchronized (other) {
                            other.add(line);
                        }
                    }
                }
            } catch (IOException killed) {
                // the process is gone: what was read is what it acknowledged
            }
        }

        void awaitOpen() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!open) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    kill();
                    throw new IllegalStateException("the writer process did not open the store: " + other);
                }
                sleep(10);
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        /** {@code kill -9}, then waits for the output of before the kill to be read. */
        void kill() {
            process.destroyForcibly(); // SIGKILL on Linux
            try {
                process.waitFor();
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
