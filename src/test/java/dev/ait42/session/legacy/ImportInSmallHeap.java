package dev.ait42.session.legacy;

import dev.ait42.session.SessionStore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link LegacyImportBenchmarkTest} with a capped heap:
 * {@code ImportInSmallHeap import|dry-run HOME DATABASE}. Prints the report and the heap's peak
 * use; exits 1 if the import was not clean (an OutOfMemoryError ends it with another status).
 */
public final class ImportInSmallHeap {

    private ImportInSmallHeap() {
    }

    public static void main(String[] args) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ImportReport report;
        try (SessionStore store = SessionStore.open(Path.of(args[2]))) {
            report = new LegacyHistory(store).importHome(Path.of(args[1]), args[0].equals("dry-run"),
                    ImportProgress.NONE);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("created=" + report.created() + " problems=" + report.problems().size()
                + " elapsedMs=" + report.elapsed().toMillis()
                + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " peakHeapMB=" + peak / (1024 * 1024));
        System.exit(report.ok() ? 0 : 1);
    }
}
