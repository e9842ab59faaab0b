package dev.ait42.session.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One line of the results table, already formatted. */
record Row(String operation, String ours, String baseline, String ratio, String target, String met) {

    /** Read and write paths must stay within this factor of raw JDBC (time ratio). */
    static final double MAX_RATIO = 1.5;

    /**
     * A latency row; {@code maxP95Millis} (or null) is the original target, {@code maxRatio}
     * (or null) the bound on ours/baseline p50.
     */
    static Row latency(String operation, Harness.Pair pair, Double maxP95Millis, Double maxRatio) {
        double ratio = pair.ours().p50() / pair.baseline().p50();
        List<String> targets = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        if (maxP95Millis != null) {
            targets.add(String.format(Locale.ROOT, "p95 < %s ms", number(maxP95Millis)));
            if (pair.ours().p95() >= maxP95Millis) {
                misses.add("p95");
            }
        }
        if (maxRatio != null) {
            targets.add(maxRatio < 1 + 1e-9 && maxRatio > 1 - 1e-9 ? "faster than baseline"
                    : String.format(Locale.ROOT, "<= %sx baseline", number(maxRatio)));
            if (ratio > maxRatio) {
                misses.add("ratio");
            }
        }
        return new Row(operation, millis(pair.ours()), millis(pair.baseline()),
                String.format(Locale.ROOT, "%.2fx", ratio), targets.isEmpty() ? "—" : String.join("; ", targets),
                verdict(targets, misses));
    }

    /** A throughput row: operations per second, ratio as time per operation (baseline ops / ours). */
    static Row throughput(String operation, double oursPerSecond, double baselinePerSecond, String unit,
                          Double minPerSecond, Double maxRatio) {
        double ratio = baselinePerSecond / oursPerSecond;
        List<String> targets = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        if (minPerSecond != null) {
            targets.add(String.format(Locale.ROOT, "> %,.0f %s", minPerSecond, unit));
            if (oursPerSecond <= minPerSecond) {
                misses.add(unit);
            }
        }
        if (maxRatio != null) {
            targets.add(String.format(Locale.ROOT, "<= %sx baseline", number(maxRatio)));
            if (ratio > maxRatio) {
                misses.add("ratio");
            }
        }
        return new Row(operation, String.format(Locale.ROOT, "%,.0f %s", oursPerSecond, unit),
                String.format(Locale.ROOT, "%,.0f %s", baselinePerSecond, unit), String.format(Locale.ROOT, "%.2fx", ratio),
                targets.isEmpty() ? "—" : String.join("; ", targets), verdict(targets, misses));
    }

    /** A row of medians only (runs in child JVMs or whole imports: too few for a p95), in ms. */
    static Row medians(String operation, double oursMillis, double baselineMillis, Double maxMillis) {
        double ratio = oursMillis / baselineMillis;
        return new Row(operation, String.format(Locale.ROOT, "%s ms (p50)", ms(oursMillis)),
                String.format(Locale.ROOT, "%s ms (p50)", ms(baselineMillis)), String.format(Locale.ROOT, "%.2fx", ratio),
                maxMillis == null ? "—" : String.format(Locale.ROOT, "< %s ms", ms(maxMillis)),
                maxMillis == null ? "—" : oursMillis < maxMillis ? "yes" : "**no**");
    }

    /** A size row in MB per 1,000 sessions; {@code baselineMb} may be null (no counterpart). */
    static Row size(String operation, double oursMb, Double baselineMb, Double maxMb) {
        return new Row(operation, String.format(Locale.ROOT, "%.1f MB", oursMb),
                baselineMb == null ? "—" : String.format(Locale.ROOT, "%.1f MB", baselineMb),
                baselineMb == null ? "—" : String.format(Locale.ROOT, "%.2fx", oursMb / baselineMb),
                maxMb == null ? "—" : String.format(Locale.ROOT, "< %s MB", number(maxMb)),
                maxMb == null ? "—" : oursMb < maxMb ? "yes" : "**no**");
    }

    /** Database bytes per UTF-8 byte of the stored text (tasks, outputs, messages). */
    static Row perTextByte(String operation, double bytesPerTextByte, double max) {
        return new Row(operation, String.format(Locale.ROOT, "%.2f bytes/byte", bytesPerTextByte), "—", "—",
                String.format(Locale.ROOT, "<= %s", number(max)), bytesPerTextByte <= max ? "yes" : "**no**");
    }

    private static String verdict(List<String> targets, List<String> misses) {
        if (targets.isEmpty()) {
            return "—";
        }
        return misses.isEmpty() ? "yes" : "**no** (" + String.join(", ", misses) + ")";
    }

    private static String millis(Latencies l) {
        return String.format(Locale.ROOT, "%s / %s ms", ms(l.p50()), ms(l.p95()));
    }

    /** Three significant digits or so: 0.412, 4.12, 41.2, 412. */
    static String ms(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%,.0f", millis);
        }
        return String.format(Locale.ROOT, millis >= 10 ? "%.1f" : millis >= 1 ? "%.2f" : "%.3f", millis);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    String markdown() {
        return "| " + String.join(" | ", operation, ours, baseline, ratio, target, met) + " |";
    }
}
