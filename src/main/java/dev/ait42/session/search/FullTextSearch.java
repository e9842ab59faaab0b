package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import org.apache.lucene.search.IndexSearcher;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.hibernate.search.util.common.SearchException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full-text search over session tasks, agent names and outputs, and chat messages, in English
 * and Japanese. The index follows the database by itself: every commit made through the store
 * is indexed before the call returns, so a search right after it sees the change.
 *
 * <pre>{@code
 * FullTextPage page = store.fullText().search(FullTextQuery.matching("refresh token").build());
 * for (SessionHit hit : page.hits()) {
 *     System.out.println(hit.session().getTask() + " " + hit.matches().get(0).snippets());
 * }
 * }</pre>
 */
public final class FullTextSearch {

    // Tuned for 2 cores: two loader threads, and fewer connections than the read pool holds.
    private static final int LOADER_THREADS = 2;
    private static final int LOAD_BATCH = 100;
    private static final int ID_FETCH_SIZE = 1000;

    private final EntityManagerFactory factory;
    private final Transactions transactions;

    public FullTextSearch(EntityManagerFactory factory, Transactions transactions) {
        this.factory = factory;
        this.transactions = transactions;
    }

    /** Sessions ranked by relevance, with their matching passages highlighted. */
    public FullTextPage search(FullTextQuery query) {
        try {
            return transactions.read("full-text search", em -> new FullTextQueryRunner(em, query).run());
        } catch (StorageException e) {
            if (hasCause(e, IndexSearcher.TooManyClauses.class)) {
                throw new ValidationException("query", "expands to too many terms; use fewer words or a longer prefix");
            }
            throw e;
        }
    }

    /** Rebuilds the whole index from the database. */
    public ReindexReport reindex() {
        return reindex(ReindexProgress.NONE);
    }

    /**
     * Rebuilds the whole index from the database: drops every document, then indexes every
     * session, instance and message, reporting progress as it goes. Searches during the rebuild
     * see a partial index.
     */
    public ReindexReport reindex(ReindexProgress progress) {
        long start = System.nanoTime();
        ProgressMonitor monitor = new ProgressMonitor(progress);
        MassIndexer indexer = Search.mapping(factory).scope(Object.class).massIndexer()
                .typesToIndexInParallel(1)
                .threadsToLoadObjects(LOADER_THREADS)
                .batchSizeToLoadObjects(LOAD_BATCH)
                .idFetchSize(ID_FETCH_SIZE)
                .purgeAllOnStart(true)
                .mergeSegmentsOnFinish(false)
                .monitor(monitor);
        try {
            indexer.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("reindex interrupted", e);
        } catch (SearchException e) {
            throw new StorageException("reindex failed: " + e.getMessage(), e);
        }
        return new ReindexReport(monitor.added.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Documents in each index against rows in the database, for consistency checks. */
    public IndexCounts counts() {
        return transactions.read("count index documents", em -> {
            var search = Search.session(em);
            return new IndexCounts(
                    search.search(Session.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    search.search(Instance.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    search.search(ChatMessage.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    em.createQuery("select count(s) from Session s", Long.class).getSingleResult(),
                    em.createQuery("select count(i) from Instance i", Long.class).getSingleResult(),
                    em.createQuery("select count(m) from ChatMessage m", Long.class).getSingleResult());
        });
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Turns Hibernate Search's counters into {@link ReindexProgress} calls. */
    private static final class ProgressMonitor implements MassIndexingMonitor {
        private final ReindexProgress progress;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong added = new AtomicLong();

        ProgressMonitor(ReindexProgress progress) {
            this.progress = progress;
        }

        @Override
        public void addToTotalCount(long count) {
            total.addAndGet(count);
        }

        @Override
        public void documentsAdded(long count) {
            progress.progress(added.addAndGet(count), total.get());
        }

        @Override
        public void documentsBuilt(long count) {
            // counted when added
        }

        @Override
        public void entitiesLoaded(long count) {
            // counted when added
        }

        @Override
        public void indexingCompleted() {
            progress.progress(added.get(), total.get());
        }
    }
}
