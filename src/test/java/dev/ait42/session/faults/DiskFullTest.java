package dev.ait42.session.faults;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.IndexDifferences;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store on a small file system that fills up: each failed write is a typed error that committed
 * nothing, the index falls behind without forgetting anything, and once space is freed the next
 * calls work and the index catches up with every acknowledged write.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void fullDiskFailsWritesCleanlyAndTheIndexCatchesUpOnceSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(Mounts.canMount(), "needs root to mount a small file system (CI runs as root)");
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Mounts.tmpfs(disk, "12m");
        try {
            Path ballast = disk.resolve("ballast");
            Path db = disk.resolve("store.db");
            List<String> acknowledged = new ArrayList<>();
            int failures = 0;
            try (SessionStore store = SessionStore.open(StoreConfig.builder(db).busyTimeout(Duration.ofMillis(200)).build())) {
                String ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
                Files.write(ballast, new byte[4 * 1024 * 1024]); // freed later: room to catch up
                String output = "wombat ".repeat(4_000);
                for (int i = 0; i < 400 && failures < 5; i++) {
                    Session s = Fixtures.sessionWithGraph("disk task q" + i + "z", 2, 2);
                    s.getInstances().forEach(instance -> instance.setOutput(output + " unique" + instance.getInstanceId()));
                    try {
                        store.sessions().create(ws, s);
                        acknowledged.add(s.getId());
                    } catch (SessionStoreException e) {
                        assertNotNull(e.getCause(), e.toString());
                        failures++;
                        assertTrue(store.sessions().find(ws, s.getId()).isEmpty(),
                                "a failed call committed " + s.getId() + ": " + e);
                    }
                    if (i % 10 == 0) {
                        try {
                            store.fullText().search(FullTextQuery.matching("q" + i + "z").build()); // the index writes too
                        } catch (SessionStoreException e) {
                            assertNotNull(e.getCause(), e.toString()); // a search may fail while the disk is full, typed
                        }
                    }
                }
                assertTrue(failures > 0, "the file system filled up (" + acknowledged.size() + " sessions written)");

                Files.delete(ballast);
                Session after = Fixtures.session("after", SessionType.DEBATE, "written once space was freed");
                store.sessions().create(ws, after);
                acknowledged.add(after.getId());
                // the index writer Lucene closed on the full disk is replaced on a later attempt
                for (int attempt = 0; attempt < 5; attempt++) {
                    try {
                        store.fullText().catchUpNow();
                        break;
                    } catch (SessionStoreException transientFault) {
                        assertNotNull(transientFault.getCause());
                    }
                }
                for (String id : acknowledged) {
                    assertTrue(store.sessions().find(ws, id).isPresent(), id);
                }
                IndexDifferences differences = store.fullText().differences();
                assertTrue(differences.consistent(), differences.toString());
                assertEquals(0, differences.pendingWork(), differences.toString());
                assertEquals(1, store.fullText().search(FullTextQuery.matching("freed").build()).totalSessions());
            }
        } finally {
            Mounts.unmount(disk);
        }
    }
}
