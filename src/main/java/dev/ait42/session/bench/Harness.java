package dev.ait42.session.bench;

/** Warm-up, then repeated timed runs of our operation and its baseline. */
final class Harness {

    /** Latencies of ours and of the baseline for the same runs. */
    record Pair(Latencies ours, Latencies baseline) {
    }

    private final int warmup;
    private final int runs;

    Harness(int warmup, int runs) {
        this.warmup = warmup;
        this.runs = runs;
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
            for (int i = 0; i < warmup; i++) {
                ours.run(i);
                baseline.run(i);
            }
            Latencies o = new Latencies();
            Latencies b = new Latencies();
            for (int i = warmup; i < warmup + runs; i++) {
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
