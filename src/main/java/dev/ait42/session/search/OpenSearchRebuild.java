package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.UnitOfWork;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.engine.common.EntityReference;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingEntityFailureContext;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingFailureContext;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingFailureHandler;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.util.common.SearchException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Rebuilds an OpenSearch index with Hibernate Search's MassIndexer: it drops and creates the three
 * indexes, then loads each entity type by batches of ids on its own threads and sends the
 * documents in bulk requests. Nothing in the mapping stands in its way: documents are not routed,
 * an instance or message document reads its session's filter fields through its (lazily loaded)
 * session, and the index work the database's triggers record is not the MassIndexer's business
 * (the caller forgets the rows the rebuild covered).
 *
 * <p>A busy cluster answers a bulk request with HTTP 429 (a full write queue, or the parent circuit
 * breaker of a small node) and Hibernate Search does not retry it: the MassIndexer reports the
 * batch's entities as failed and goes on. Those entities are indexed again here, after a pause that
 * doubles each time, a bounded number of times; any other failure ends the rebuild.
 */
final class OpenSearchRebuild {

    /** Loading threads and batch size for 2 cores: measured twice as fast as the defaults there. */
    static final int LOADING_THREADS = 2;
    static final int BATCH_SIZE = 100;
    static final int ID_FETCH_SIZE = 1000;
    /** Retries of the entities a busy cluster refused, the first after {@link #FIRST_PAUSE}. */
    static final int RETRIES = 6;
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    /**
     * A refusal worth retrying: an answer or a bulk item of status 429, or what OpenSearch names
     * the causes of one (the words of Hibernate Search's failure messages, as in IndexCatchUp).
     */
    private static final Pattern BUSY = Pattern.compile(
            "Response: 429\\b|\"status\"\\s*:\\s*429\\b|circuit_breaking_exception|rejected_execution_exception");

    /** How the rebuild waits between retries (a test's waits lift the congestion it made). */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration, int retry) throws InterruptedException;
    }

    private final UnitOfWork unit;
    private final Pause pause;

    OpenSearchRebuild(UnitOfWork unit) {
        this(unit, (duration, retry) -> Thread.sleep(duration.toMillis()));
    }

    OpenSearchRebuild(UnitOfWork unit, Pause pause) {
        this.unit = unit;
        this.pause = pause;
    }

    /**
     * Drops and creates the library's indexes, then indexes every session, instance and message.
     *
     * @param indexed told how many documents the cluster has taken so far
     * @return documents written
     */
    long rebuild(LongConsumer indexed) {
        EntityManagerFactory factory = unit.read("look up the persistence unit", em -> em.getEntityManagerFactory());
        AtomicLong documents = new AtomicLong();
        Refusals refusals = new Refusals();
        MassIndexer indexer = Search.mapping(factory).scope(SearchIndexes.TYPES).massIndexer()
                .dropAndCreateSchemaOnStart(true)
                .purgeAllOnStart(false) // the indexes are new
                .mergeSegmentsOnFinish(false)
                .typesToIndexInParallel(1) // one type at a time: 1 + 2 connections of the pool
                .threadsToLoadObjects(LOADING_THREADS)
                .batchSizeToLoadObjects(BATCH_SIZE)
                .idFetchSize(ID_FETCH_SIZE)
                .failureHandler(refusals)
                .monitor(new Progress(documents, indexed));
        try {
            indexer.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("reindex interrupted", e);
        } catch (SearchException e) {
            if (refusals.other.get() != null || refusals.refused.isEmpty()) {
                throw e; // not (only) a busy cluster
            }
        }
        if (refusals.other.get() != null) {
            throw new StorageException("reindex failed: " + refusals.other.get().getMessage(), refusals.other.get());
        }
        List<EntityReference> refused = new ArrayList<>(refusals.refused);
        documents.addAndGet(retry(refused));
        indexed.accept(documents.get());
        return documents.get();
    }

    /** Indexes the refused entities again, pausing longer each round; the documents written. */
    private long retry(List<EntityReference> refused) {
        long written = 0;
        Duration wait = FIRST_PAUSE;
        for (int retry = 1; !refused.isEmpty(); retry++) {
            if (retry > RETRIES) {
                throw new StorageException("reindex failed: the OpenSearch cluster kept refusing " + refused.size()
                        + " documents as too busy (HTTP 429) after " + RETRIES + " retries; give its nodes more heap"
                        + " or run the rebuild when it is quieter");
            }
            try {
                pause.pause(wait, retry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("reindex interrupted", e);
            }
            wait = wait.multipliedBy(2);
            List<EntityReference> stillRefused = new ArrayList<>();
            for (int from = 0; from < refused.size(); from += BATCH_SIZE) {
                List<EntityReference> batch = refused.subList(from, Math.min(refused.size(), from + BATCH_SIZE));
                try {
                    written += indexAgain(batch);
                } catch (RuntimeException e) { // the unit of work may have wrapped it
                    if (!busy(e)) {
                        throw e;
                    }
                    stillRefused.addAll(batch);
                }
            }
            refused = stillRefused;
        }
        return written;
    }

    private long indexAgain(List<EntityReference> batch) {
        return unit.read("index " + batch.size() + " refused documents again", em -> {
            // searchable when this returns, as the MassIndexer's documents are (it refreshes at its end)
            SearchIndexingPlan plan = IndexWorkApplier.searchSession(em, IndexingPlanSynchronizationStrategy.readSync())
                    .indexingPlan();
            long written = 0;
            for (EntityReference reference : batch) {
                Object entity = em.find(reference.type(), reference.id());
                if (entity != null) { // deleted since: its document went with the dropped index
                    plan.addOrUpdate(entity);
                    written++;
                }
            }
            plan.execute();
            em.clear();
            return written;
        });
    }

    static boolean busy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && BUSY.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Collects the entities a busy cluster refused; remembers the first other failure. */
    private static final class Refusals implements MassIndexingFailureHandler {
        final ConcurrentLinkedQueue<EntityReference> refused = new ConcurrentLinkedQueue<>();
        final AtomicReference<Throwable> other = new AtomicReference<>();

        @Override
        public void handle(MassIndexingFailureContext context) {
            other.compareAndSet(null, context.throwable());
        }

        @Override
        public void handle(MassIndexingEntityFailureContext context) {
            if (busy(context.throwable()) && !context.failingEntityReferences().isEmpty()) {
                refused.addAll(context.failingEntityReferences());
            } else {
                other.compareAndSet(null, context.throwable());
            }
        }
    }

    /** Passes the documents the cluster has taken on to the caller's progress. */
    private record Progress(AtomicLong documents, LongConsumer indexed) implements MassIndexingMonitor {

        @Override
        public void documentsAdded(long increment) {
            indexed.accept(documents.addAndGet(increment));
        }

        @Override
        public void documentsBuilt(long increment) {
        }

        @Override
        public void entitiesLoaded(long increment) {
        }

        @Override
        public void indexingCompleted() {
        }
    }
}
