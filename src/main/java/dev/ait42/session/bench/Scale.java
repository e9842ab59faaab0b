package dev.ait42.session.bench;

/**
 * How big a workspace the benchmark builds and how long it measures. Every scale uses sessions
 * of 10 instances and 100 messages, the original design's shape (full = 10,000 / 100,000 /
 * 1,000,000).
 */
public enum Scale {
    /** For the test suite only: proves every row is produced, in seconds. */
    TINY(30, 3, 10, 200, 1, 1, 50, 1),
    /** The CI smoke check (well under 3 minutes). */
    SMALL(200, 10, 50, 1_000, 2, 2, 1_000, 1),
    MEDIUM(1_000, 20, 100, 2_000, 5, 3, 1_000, 2),
    FULL(10_000, 50, 300, 3_000, 10, 5, 1_000, 3);

    static final SyntheticHistory.Shape SHAPE = new SyntheticHistory.Shape(10, 100);

    final int sessions;
    final int warmup;
    final int runs;
    /** Warm-up lasts at least this long per operation: the JIT needs thousands of calls, not tens. */
    final int warmupMillis;
    final int throughputSeconds;
    final int startupRuns;
    final int importSessions;
    final int importRuns;

    Scale(int sessions, int warmup, int runs, int warmupMillis, int throughputSeconds, int startupRuns,
          int importSessions, int importRuns) {
        this.sessions = sessions;
        this.warmup = warmup;
        this.runs = runs;
        this.warmupMillis = warmupMillis;
        this.throughputSeconds = throughputSeconds;
        this.startupRuns = startupRuns;
        this.importSessions = importSessions;
        this.importRuns = importRuns;
    }
}
