package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.UnitOfWork;
import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Brings the search index up to the database: applies the index work every process records in
 * the database ({@link IndexWork}), commits the index, then forgets the applied rows. Only the
 * process holding the index writer does this; it runs before each search of that process (a
 * search sees every committed write) and periodically in the background (another process's
 * writes are searchable everywhere within a second), where it also takes over a writer another
 * process released. A crash between the commit of the
 * data and the index loses nothing: the rows are still there on the next open.
 *
 * <p>A shared index (OpenSearch, {@link #shared}) has no single writer: every node drains the
 * rows, each round claimed in one database transaction that applies them to the index, deletes
 * them and commits ({@link IndexWork#claim}: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, with
 * the rows of a session claimed by one node at a time; SQLite's write lock on SQLite). A node
 * that dies holding a claim loses nothing: the server releases its locks with its connection,
 * and another node applies the rows. A commit of the index is not needed there: the cluster's
 * write-ahead log makes each accepted change durable.
 *
 * <p>A change the index refuses (a document Lucene rejects as an argument) is isolated, logged and
 * left out, so one bad document cannot hold up the rest; {@code check} reports it. Any other
 * failure (a full disk, a writer closed after one) keeps every row for the next attempt.
 */
public final class IndexCatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCatchUp.class);
    /** Rows read per round. */
    static final int ROUND = 2000;
    /** Rows applied between index commits of one long catch-up (an import's). */
    static final int COMMIT_EVERY = 20_000;
    /** Longest wait of a search on a shared index for the rows other nodes are applying. */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(2);

    private final UnitOfWork unit;
    private final BooleanSupplier writer;
    /** Whether every node applies work to one shared index, claiming rows ({@link #shared}). */
    private final boolean claims;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicLong refused = new AtomicLong();
    private ScheduledExecutorService background;
    private volatile String lastFault;
    private volatile boolean filterInstalled;
    private final java.util.concurrent.atomic.AtomicInteger bulkWriters = new java.util.concurrent.atomic.AtomicInteger();
    /** Rows applied and committed, forgotten once the index's files are on the disk. */
    private final UnsyncedWork unsynced;

    /**
     * @param writer takes the index writer if it is free; true while this process holds it
     */
    public IndexCatchUp(UnitOfWork unit, BooleanSupplier writer) {
        this(unit, writer, false, null);
    }

    /**
     * @param files the index's folders, whose commits are synced to the disk only when asked
     *              ({@link DeferredSyncDirectories}): rows are forgotten after that
     */
    public IndexCatchUp(UnitOfWork unit, BooleanSupplier writer, DeferredSyncDirectories files) {
        this(unit, writer, false, files);
    }

    private IndexCatchUp(UnitOfWork unit, BooleanSupplier writer, boolean claims, DeferredSyncDirectories files) {
        this.unit = unit;
        this.writer = writer;
        this.claims = claims;
        this.unsynced = new UnsyncedWork(unit, files);
    }

    /**
     * The catch-up of a node of a shared index (OpenSearch): it applies the rows it claims, other
     * nodes the others.
     *
     * @param readOnly a read-only node, which searches and applies nothing
     */
    public static IndexCatchUp shared(UnitOfWork unit, boolean readOnly) {
        return new IndexCatchUp(unit, () -> !readOnly, true, null);
    }

    /**
     * The catch-up of an application's node on its own persistence unit (the shared mode): of a
     * shared index if the unit's search backend is OpenSearch, otherwise of the Lucene index this
     * node writes (Lucene's own lock keeps a second writer out).
     */
    public static IndexCatchUp of(UnitOfWork unit) {
        boolean sharedIndex = unit.read("look up the search backend", IndexRebuild::onOpenSearch);
        return sharedIndex ? shared(unit, false) : new IndexCatchUp(unit, () -> true);
    }

    /**
     * Catches up with every change recorded so far, if this process holds the writer, and
     * syncs the index to the disk (an import's end, a store's close).
     */
    public long catchUp() {
        return catchUp(true, true);
    }

    /**
     * @param awaitOthers on a shared index, also wait (up to {@link #CLAIM_WAIT}) for the rows
     *                    other nodes are applying now: a search then sees every write committed
     *                    before it, whichever node applies it; the background does not wait
     * @param sync        whether the index's files are synced to the disk now, rather than
     *                    every {@link UnsyncedWork#SYNC_EVERY} or once the writes pause
     */
    private long catchUp(boolean awaitOthers, boolean sync) {
        excludeLibraryTypesFromAutomaticIndexing();
        if (unit.inCallerTransaction() || !writer.getAsBoolean()) {
            return 0; // a caller's uncommitted rows are not ours to apply
        }
        draining.lock();
        try {
            long applied = drain(sync);
            if (claims && awaitOthers) {
                applied += awaitOtherNodes();
            }
            lastFault = null;
            return applied;
        } finally {
            draining.unlock();
        }
    }

    /**
     * Waits while rows are left that other nodes hold (they are applying them), applying any that
     * come free (a node that died: the server released its claim); gives up after {@link #CLAIM_WAIT}.
     */
    private long awaitOtherNodes() {
        long applied = 0;
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        while (unit.read("look for the search index's work", IndexWork::pending) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            applied += drain(false);
        }
        return applied;
    }

    /**
     * Writes of the library's entities reach the index only through the recorded work: the
     * mapping's filter keeps Hibernate Search's listeners from indexing them a second time, in
     * the writing transaction (an application's own entities are left as it configured them).
     */
    public void excludeLibraryTypesFromAutomaticIndexing() {
        if (!filterInstalled) {
            unit.read("configure the search index", em -> {
                Search.mapping(em.getEntityManagerFactory()).indexingPlanFilter(SearchIndexes::excludeLibraryTypes);
                return null;
            });
            filterInstalled = true;
        }
    }

    /**
     * Catches up before a search, logging a fault instead of throwing it (the rows wait for the
     * next attempt): the search sees every change committed so far; their sync to the disk is
     * left to the background.
     */
    public void catchUpQuietly() {
        try {
            catchUp(true, false);
        } catch (RuntimeException e) {
            logFault(e);
        }
    }

    private void logFault(RuntimeException e) {
        String fault = String.valueOf(e.getMessage());
        if (!fault.equals(lastFault)) {
            LOG.warn("The search index is behind the database, its changes kept for the next attempt: {}", fault);
            lastFault = fault;
        }
    }

    /** Changes recorded and not yet in the index (a process without the writer waits for the writer). */
    public long pending() {
        return Math.max(0, unit.read("count index work", IndexWork::count) - unsynced.size());
    }

    /**
     * Syncs the index's committed files to the disk and forgets the work they hold (a rebuild
     * calls it before it forgets the work it covered).
     */
    public void syncCommitted() {
        draining.lock();
        try {
            unsynced.syncAndForget();
        } finally {
            draining.unlock();
        }
    }

    /** Changes the index refused since this store opened (see the log for each). */
    public long refused() {
        return refused.get();
    }

    /**
     * Starts catching up every {@code period} in the background (a daemon thread, until
     * {@link #close()}); a zero period starts nothing.
     */
    public synchronized void start(Duration period) {
        if (background == null && !period.isZero()) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "ait42-search-index-catch-up");
                thread.setDaemon(true);
                return thread;
            });
            background.scheduleWithFixedDelay(this::backgroundRound, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs a bulk write (an import) with the background held off, then catches up with it once:
     * applied while it is still writing, a session's rows would reach the index in pieces and
     * its documents be written twice (the deleted copies then weigh in the index's statistics,
     * so scores would depend on timing).
     */
    public <T> T bulk(java.util.function.Supplier<T> write) {
        bulkWriters.incrementAndGet();
        try {
            return write.get();
        } finally {
            bulkWriters.decrementAndGet();
        }
    }

    private void backgroundRound() {
        if (bulkWriters.get() > 0) {
            return;
        }
        try {
            catchUp(false, false);
        } catch (RuntimeException e) {
            if (hasCause(e, IllegalStateException.class)) {
                stopBackground(); // the persistence unit was closed without this: nothing left to do
            } else {
                logFault(e);
            }
        }
    }

    /** Stops the background; catching up happens only before searches (and on {@link #close()}). */
    public synchronized void stopBackground() {
        if (background != null) {
            background.shutdown();
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Stops the background and applies what is left, if this process holds the writer. */
    @Override
    public void close() {
        synchronized (this) {
            if (background != null) {
                // Never interrupted: an interrupt closes Lucene's file channels under a running
                // round, and the index writer with them. A round in progress is waited for.
                background.shutdown();
                try {
                    background.awaitTermination(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                background = null;
            }
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            logFault(e);
        }
    }

    private long drain(boolean sync) {
        if (!unit.read("look for the search index's work", IndexWork::pending)) {
            return 0;
        }
        return claims ? drainClaimed() : drainHeld(sync);
    }

    /**
     * Rounds of claimed rows, each applied, deleted and committed in one transaction, until no row
     * is left to claim (rows other nodes hold are theirs).
     */
    private long drainClaimed() {
        long applied = 0;
        while (true) {
            List<IndexWork> claimed = new ArrayList<>();
            try {
                unit.write("apply the search index's work", em -> {
                    claimed.addAll(IndexWork.claim(em, ROUND));
                    applyAndForget(em, claimed);
                    return null;
                });
            } catch (RuntimeException e) {
                return applied + isolate(claimed, e); // the claim rolled back: the rows are free again
            }
            applied += claimed.size();
            if (claimed.size() < ROUND) {
                return applied;
            }
        }
    }

    private static void applyAndForget(jakarta.persistence.EntityManager em, List<IndexWork> rows) {
        if (!rows.isEmpty()) {
            IndexWorkApplier.apply(em, rows);
            IndexWork.delete(em, rows.stream().map(IndexWork::id).toList());
        }
    }

    /**
     * The rows in order, applied by the one process holding the Lucene writer, committed now and
     * then and at the end. A catch-up takes the rows recorded when it starts, not the ones written
     * while it runs: under a stream of writes a catch-up chasing the newest row would never end,
     * so a search waiting for it would wait for the stream, and other processes would see nothing
     * of it until the next commit.
     */
    private long drainHeld(boolean sync) {
        long started = System.nanoTime();
        long applied = 0;
        long after = 0;
        long upTo = unit.read("read the search index's work", IndexWork::newestId);
        List<Long> uncommitted = new ArrayList<>();
        long applying = 0;
        java.util.Set<Long> taken = new java.util.HashSet<>(); // rows a round took ahead of the cursor
        while (true) {
            long from = after;
            List<IndexWork> read = unit.read("read the search index's work", em -> IndexWork.between(em, from, upTo, ROUND));
            if (read.isEmpty()) {
                break;
            }
            after = read.get(read.size() - 1).id();
            List<IndexWork> round = new ArrayList<>(read.stream()
                    .filter(w -> !taken.contains(w.id()) && !unsynced.contains(w.id())).toList());
            if (round.isEmpty()) {
                continue;
            }
            // The rest of these sessions' rows come along: written once, each from one graph load.
            long last = after;
            List<Long> sessions = round.stream().map(IndexWork::sessionPk).distinct().toList();
            unit.read("read the search index's work", em -> IndexWork.laterOfSessions(em, sessions, last))
                    .forEach(w -> {
                        round.add(w);
                        taken.add(w.id());
                    });
            try {
                long applyStart = System.nanoTime();
                unit.read("apply the search index's work", em -> IndexWorkApplier.apply(em, round));
                applying += System.nanoTime() - applyStart;
            } catch (RuntimeException e) {
                // A failed change may roll back what this catch-up applied since its last commit:
                // those rows stay, and the failing round is applied row by row to find the culprit.
                return applied + isolate(round, e);
            }
            round.forEach(w -> uncommitted.add(w.id()));
            if (uncommitted.size() >= COMMIT_EVERY) {
                applied += commit(uncommitted, sync);
            }
        }
        long commitStart = System.nanoTime();
        // Nothing new: the writes paused, a moment to put what is committed on the disk.
        applied += commit(uncommitted, sync || uncommitted.isEmpty());
        if (LOG.isDebugEnabled() && applied > 0) {
            long end = System.nanoTime();
            LOG.debug("Caught up {} rows in {} ms: reading {} ms, applying {} ms, committing and forgetting {} ms",
                    applied, (end - started) / 1_000_000, (commitStart - started - applying) / 1_000_000,
                    applying / 1_000_000, (end - commitStart) / 1_000_000);
        }
        return applied;
    }

    /**
     * Commits the index (other processes see the applied rows then) and hands the rows to
     * {@link #unsynced}, which forgets them once they are on the disk.
     */
    private long commit(List<Long> applied, boolean sync) {
        if (applied.isEmpty()) {
            if (sync) {
                unsynced.syncAndForget();
            }
            return 0;
        }
        long start = System.nanoTime();
        unit.read("commit the search index", em -> {
            Search.session(em).workspace(SearchIndexes.TYPES).flush();
            return null;
        });
        long committed = System.nanoTime();
        int rows = applied.size();
        unsynced.committed(List.copyOf(applied), sync);
        LOG.debug("Committed the search index in {} ms ({} rows of work), synced and forgot in {} ms",
                (committed - start) / 1_000_000, rows, (System.nanoTime() - committed) / 1_000_000);
        applied.clear();
        return rows;
    }

    private long isolate(List<IndexWork> round, RuntimeException roundFailure) {
        if (mayPassByItself(roundFailure)) {
            throw new StorageException("cannot write the search index: " + reason(roundFailure), roundFailure);
        }
        long applied = 0;
        for (IndexWork row : round) {
            try {
                applied += applyAlone(row);
            } catch (RuntimeException e) {
                if (mayPassByItself(e)) {
                    throw new StorageException("cannot write the search index: " + reason(e), e);
                }
                refused.incrementAndGet();
                LOG.warn("The search index refused the {} {} of session {} and leaves it out (check reports it): {}",
                        row.part(), row.partId() == null ? "" : "'" + abbreviate(row.partId()) + "'", row.sessionPk(),
                        reason(e));
                unit.write("forget refused index work", em -> {
                    IndexWork.delete(em, List.of(row.id()));
                    return null;
                });
            }
        }
        return applied;
    }

    /** Applies one row by itself and forgets it; 0 if another node has claimed it meanwhile. */
    private long applyAlone(IndexWork row) {
        if (claims) {
            return unit.write("apply the search index's work", em -> {
                List<IndexWork> claimed = IndexWork.claimRow(em, row.id());
                applyAndForget(em, claimed);
                return (long) claimed.size();
            });
        }
        unit.read("apply the search index's work", em -> IndexWorkApplier.apply(em, List.of(row)));
        return commit(new ArrayList<>(List.of(row.id())), false);
    }

    /**
     * Whether the failure may pass by itself: anything but a document the index cannot take (an
     * argument Lucene refuses, such as a term over its length limit). A writer that Lucene closed
     * after a full disk ({@code AlreadyClosedException}) is one: Hibernate Search opens a new one
     * on the next attempt, so the rows must stay.
     */
    private static boolean mayPassByItself(Throwable e) {
        if (refusedByOpenSearch(e)) {
            return false;
        }
        return hasCause(e, IOException.class) || !hasCause(e, IllegalArgumentException.class);
    }

    /** An OpenSearch answer of 400 (Bad Request): the document itself, not the cluster's state. */
    private static final java.util.regex.Pattern BAD_REQUEST =
            java.util.regex.Pattern.compile("Response: 400 |\"status\"\\s*:\\s*400\\b");

    /**
     * Whether OpenSearch refused the request as bad (a document id over its length limit, a term
     * over Lucene's): unavailable shards, timeouts and lost connections are 5xx or no answer.
     */
    private static boolean refusedByOpenSearch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.search.util.common.SearchException && t.getMessage() != null
                    && BAD_REQUEST.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return abbreviate(String.valueOf(root.getMessage()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
