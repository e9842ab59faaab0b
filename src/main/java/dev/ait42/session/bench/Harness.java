package dev.ait42.session.bench;

/** Warm-up (a number of runs and a minimum time), then repeated timed runs of our operation and its baseline. */
final class Harness {

    /** Latencies of ours and of the baseline for the same runs. */
    record Pair(Latencies ours, Latencies baseline) {
    }

    private final int warmup;
    private final int runs;
    private final long warmupNanos;

    Harness(int warmup, int runs, int warmupMillis) {
        this.warmup = warmup;
        this.runs = runs;
        this.warmupNanos = warmupMillis * 1_000_000L;
    }

    /**
     * The same with at most {@code maxWarmup} warm-up and {@code maxRuns} timed runs, for
     * operations that take a second at full scale (each call is warm-up enough for the JIT).
     */
    Harness capped(int maxWarmup, int maxRuns) {
        return new Harness(Math.min(warmup, maxWarmup), Math.min(runs, maxRuns), (int) warmupMillis());
    }

    long warmupMillis() {
        return warmupNanos / 1_000_000;
    }

    int warmup() {
        return warmup;
    }

    int runs() {
        return runs;
    }

    /** Runs and iterations of both alternate, so drift (GC, checkpoints, page cache) hits both alike. */
    Pair measure(Timed ours, Timed baseline) {
        try {
            long until = System.nanoTime() + warmupNanos;
            int first = 0;
            while (first < warmup || System.nanoTime() < until) {
                ours.run(first);
                baseline.run(first);
                first++;
            }
            Latencies o = new Latencies();
            Latencies b = new Latencies();
            for (int i = first; i < first + runs; i++) {
                long t = System.nanoTime();
                ours.run(i);
                o.add(System.nanoTime() - t);
                t = System.nanoTime();
                baseline.run(i);
                b.add(System.nanoTime() - t);
            }
            return new Pair(o, b);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark run failed: " + e, e);
        }
    }
}
