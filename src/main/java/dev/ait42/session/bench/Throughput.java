package dev.ait42.session.bench;

import dev.ait42.session.repository.SessionRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sustained throughput: 4 threads for a fixed time, ours then the baseline. Writes append a
 * message to a random session; reads get a random session with its graph. The baseline's readers
 * have a connection each; its writers share one on SQLite (one writer, as in the store) and have
 * one each on PostgreSQL (row locks, writers side by side, as in the store's pool).
 */
final class Throughput {

    static final int THREADS = 4;

    private interface Worker {
        void run(SplittableRandom random, int n) throws Exception;
    }

    private final SessionRepository sessions;
    private final BenchDatabase database;
    private final String workspace;
    private final int sessionCount;
    private final long nanos;
    private final AtomicInteger ids = new AtomicInteger();
    private final Samples samples = new Samples(11);

    Throughput(SessionRepository sessions, BenchDatabase database, String workspace, int sessionCount, int seconds) {
        this.sessions = sessions;
        this.database = database;
        this.workspace = workspace;
        this.sessionCount = sessionCount;
        this.nanos = seconds * 1_000_000_000L;
    }

    private String randomSession(SplittableRandom random) {
        return SyntheticHistory.sessionId(1 + random.nextInt(sessionCount));
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        double oursWrites = opsPerSecond(i -> (random, n) -> sessions.addChatMessage(workspace, randomSession(random),
                samples.message("tp-ours-" + ids.incrementAndGet(), n)));
        List<JdbcBaseline> baselines = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                baselines.add(new JdbcBaseline(database, workspace));
            }
            IntFunction<JdbcBaseline> writer = database.singleWriter() ? i -> baselines.get(0) : baselines::get;
            double jdbcWrites = opsPerSecond(i -> (random, n) -> writer.apply(i).append(randomSession(random),
                    samples.message("tp-jdbc-" + ids.incrementAndGet(), n)));
            rows.add(Row.throughput("sustained writes, 4 threads (append a message)", oursWrites, jdbcWrites, "writes/s",
                    100.0, Row.MAX_RATIO));
            double oursReads = opsPerSecond(i -> (random, n) -> sessions.get(workspace, randomSession(random)));
            double jdbcReads = opsPerSecond(i -> (random, n) -> baselines.get(i).graph(randomSession(random)));
            rows.add(Row.throughput("sustained reads, 4 threads (get a session with its graph)", oursReads, jdbcReads,
                    "reads/s", 1000.0, Row.MAX_RATIO));
        } finally {
            for (JdbcBaseline baseline : baselines) {
                baseline.close();
            }
        }
        return rows;
    }

    /** Operations per second of {@link #THREADS} workers, each made by {@code perThread(threadIndex)}. */
    private double opsPerSecond(IntFunction<Worker> perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + nanos;
            for (int t = 0; t < THREADS; t++) {
                Worker worker = perThread.apply(t);
                SplittableRandom random = new SplittableRandom(100 + t);
                counts.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        worker.run(random, n++);
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
