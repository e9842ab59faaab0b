package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.UnitOfWork;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows of index work that are applied and committed to the index but not yet on the disk
 * ({@link DeferredSyncDirectories}): they stay recorded, and are left out of the next rounds,
 * until the index's files are synced; then they are forgotten. Without deferred syncing (an
 * application's own index, whose every commit is synced) rows are forgotten at their commit.
 */
final class UnsyncedWork {

    /** Longest time committed index changes wait for the disk while writes keep coming. */
    static final Duration SYNC_EVERY = Duration.ofSeconds(5);

    private final UnitOfWork unit;
    private final DeferredSyncDirectories files;
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    /** When the oldest of {@link #ids} was committed. */
    private long oldestCommittedAt;

    /** @param files the index's folders, or null if every commit is synced by Lucene itself */
    UnsyncedWork(UnitOfWork unit, DeferredSyncDirectories files) {
        this.unit = unit;
        this.files = files;
    }

    boolean contains(long id) {
        return ids.contains(id);
    }

    int size() {
        return ids.size();
    }

    /**
     * These rows are committed to the index: forgotten now if commits are synced, otherwise
     * with the next sync, which happens now if {@code syncNow} or {@link #SYNC_EVERY} is up.
     */
    void committed(List<Long> applied, boolean syncNow) {
        if (ids.isEmpty()) {
            oldestCommittedAt = System.nanoTime();
        }
        ids.addAll(applied);
        if (files == null || syncNow || System.nanoTime() - oldestCommittedAt >= SYNC_EVERY.toNanos()) {
            syncAndForget();
        }
    }

    /** Syncs the index's committed files, then forgets every row they hold. */
    void syncAndForget() {
        if (ids.isEmpty()) {
            return;
        }
        if (files != null) {
            try {
                files.syncCommitted();
            } catch (IOException e) {
                throw new StorageException("cannot write the search index to the disk: " + e.getMessage(), e);
            }
        }
        List<Long> synced = List.copyOf(ids);
        unit.write("forget applied index work", em -> {
            IndexWork.delete(em, synced);
            return null;
        });
        synced.forEach(ids::remove);
    }
}
