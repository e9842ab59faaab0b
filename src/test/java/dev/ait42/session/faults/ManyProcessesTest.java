package dev.ait42.session.faults;

import dev.ait42.session.bench.FaultTrials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real processes on one store: a writer killed with kill -9 loses no acknowledged write and
 * leaves no index gap once the next open has caught up; a process without the index writer reads
 * and searches beside a writing one and sees its writes. (The timings are the {@code bench-faults}
 * command's to report; this asserts only what must hold.)
 */
class ManyProcessesTest {

    @TempDir
    Path dir;

    @Test
    void writerKilledWithKillNineLosesNoAcknowledgedWriteAndTheIndexCatchesUp() {
        FaultTrials.KillReport report = FaultTrials.killTrials(dir, 4, 7);

        assertTrue(report.acknowledged() > 0, report.table());
        assertEquals(0, report.lostAcknowledged(), report.table());
        assertEquals(0, report.failedButCommitted(), report.table());
        assertEquals(0, report.indexMismatches(), report.table());
    }

    @Test
    void importKilledWithKillNineAndRunAgainLeavesEverySessionOnceAndTheIndexComplete() {
        FaultTrials.ImportKillReport report = FaultTrials.importKillTrials(dir, 2, 1_000, 11);

        assertEquals(0, report.inconsistentAfterRerun(), report.table());
        assertEquals(0, report.indexMismatches(), report.table());
    }

    @Test
    void readerProcessSearchesBesideAWritingProcessAndFindsEveryAcknowledgedSession() {
        FaultTrials.ReaderReport report = FaultTrials.readersBesideWriter(dir, 4, 0);

        assertTrue(report.acknowledged() > 0, report.row());
        assertTrue(report.readCalls() > 0, report.row());
        assertEquals(0, report.neverVisible(), report.row());
    }
}
