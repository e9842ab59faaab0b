package dev.ait42.session.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long command: a bar redrawn in place on a terminal; otherwise (logs, pipes, CI)
 * a plain line at each 10% step at most once a second, and one at the end, so a short command
 * prints a single line.
 */
final class Progress {

    private static final int BAR = 30;

    private final PrintWriter out;
    private final String unit;
    private final boolean terminal = Terminal.interactive();
    private int lastStep = -1;
    private long lastDrawn = System.nanoTime();

    Progress(PrintWriter out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    synchronized void update(long done, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDrawn < 100_000_000L && percent < 100) {
                return;
            }
            lastDrawn = now;
            int filled = percent * BAR / 100;
            out.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d %s", "#".repeat(filled), ".".repeat(BAR - filled), percent,
                    done, total, unit);
            out.flush();
        } else if (percent / 10 > lastStep && (percent == 100 || System.nanoTime() - lastDrawn >= 1_000_000_000L)) {
            lastStep = percent / 10;
            lastDrawn = System.nanoTime();
            out.printf(Locale.ROOT, "progress: %d%% (%,d/%,d %s)%n", percent, done, total, unit);
            out.flush();
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
