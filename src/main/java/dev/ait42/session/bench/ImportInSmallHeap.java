package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.cli.Main;
import dev.ait42.session.legacy.ImportProgress;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;

import java.nio.file.Path;

/**
 * Run by {@link ImportBenchmark} in a JVM of its own, with a capped heap:
 * {@code ImportInSmallHeap import|dry-run HOME DATABASE}. Its last line is the report and the
 * heap's peak use; exits 1 if the import was
 * not clean (an OutOfMemoryError ends it with another status).
 */
public final class ImportInSmallHeap {

    private ImportInSmallHeap() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Main.quietLibraryLogs();
        HeapPeak peak = HeapPeak.watch();
        ImportReport report;
        try (SessionStore store = SessionStore.open(Path.of(args[2]))) {
            report = new LegacyHistory(store).importHome(Path.of(args[1]), args[0].equals("dry-run"),
                    ImportProgress.NONE);
        }
        System.out.println("created=" + report.created() + " problems=" + report.problems().size()
                + " elapsedMs=" + report.elapsed().toMillis()
                + " withOpenAndCloseMs=" + (System.nanoTime() - start) / 1_000_000
                + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " peakHeapMB=" + peak.bytes() / (1024 * 1024));
        System.exit(report.ok() ? 0 : 1);
    }
}
