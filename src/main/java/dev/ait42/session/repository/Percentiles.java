package dev.ait42.session.repository;

import java.util.Arrays;

/** Nearest-rank percentiles: the smallest value with at least p% of the values at or below it. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The value of rank {@code ceil(p / 100 * n)} (1-based) in {@code sorted}, never interpolated:
     * the median of 10, 20, 30, 40 is 20; the 90th percentile of 1..10 is 9. Null when empty.
     */
    static Long nearestRank(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        long rank = ((long) p * sorted.length + 99) / 100; // ceil in integers: no 0.9 * 20 = 18.000000000000004
        return sorted[(int) Math.max(1, rank) - 1];
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
