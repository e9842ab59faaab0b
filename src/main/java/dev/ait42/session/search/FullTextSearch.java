package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.UnitOfWork;
import org.apache.lucene.search.IndexSearcher;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;

import java.time.Duration;
import java.util.List;

/**
 * Full-text search over session tasks, agent names and outputs, and chat messages, in English
 * and Japanese. The index follows the database by itself: every commit made through the store
 * is indexed when its transaction commits, so a search right after it sees the change.
 *
 * <pre>{@code
 * FullTextPage page = store.fullText().search(FullTextQuery.matching("refresh token").build());
 * for (SessionHit hit : page.hits()) {
 *     System.out.println(hit.session().getTask() + " " + hit.matches().get(0).snippets());
 * }
 * }</pre>
 */
public final class FullTextSearch {

    private final UnitOfWork transactions;
    private final IndexCatchUp catchUp;

    /**
     * Full-text search on a unit of work (see {@link dev.ait42.session.SessionServices}), whose
     * process holds the index writer: an application's node with its own index.
     */
    public FullTextSearch(UnitOfWork transactions) {
        this(transactions, new IndexCatchUp(transactions, () -> true));
    }

    public FullTextSearch(UnitOfWork transactions, IndexCatchUp catchUp) {
        this.transactions = transactions;
        this.catchUp = catchUp;
    }

    /** Made by the first search, then kept: see {@link SearchTargets}. */
    private volatile SearchTargets targets;

    private SearchTargets targets(jakarta.persistence.EntityManager em) {
        SearchTargets known = targets;
        SearchTargets current = known == null ? SearchTargets.of(em) : known.forUnitOf(em);
        targets = current;
        return current;
    }

    /** What keeps the index up with the database (pending and refused changes, catching up). */
    public IndexCatchUp catchUp() {
        return catchUp;
    }

    /** Sessions ranked by relevance, with their matching passages highlighted. */
    public FullTextPage search(FullTextQuery query) {
        catchUp.catchUpQuietly(); // every write committed so far is searchable
        try {
            return transactions.read("full-text search", em -> new FullTextQueryRunner(em, query, targets(em)).run());
        } catch (StorageException e) {
            if (hasCause(e, IndexSearcher.TooManyClauses.class) || tooManyClausesOnOpenSearch(e)) {
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
     * session with its instances and messages, reporting progress as it goes. Searches during
     * the rebuild see a partial index.
     */
    public ReindexReport reindex(ReindexProgress progress) {
        long start = System.nanoTime();
        long total = transactions.read("count documents to reindex", em -> em.createQuery(
                "select (select count(s) from Ait42Session s) + (select count(i) from Ait42Instance i)"
                        + " + (select count(m) from Ait42ChatMessage m)", Long.class).getSingleResult());
        // Work recorded before the rebuild reads the database is covered by it; later work is not.
        List<Long> covered = transactions.read("list the search index's work", IndexWork::allIds);
        boolean openSearch = transactions.read("look up the search backend", IndexRebuild::onOpenSearch);
        try {
            // this process's background rounds wait: an OpenSearch rebuild drops the indexes first
            long documents = catchUp.bulk(() -> {
                if (openSearch) {
                    return new OpenSearchRebuild(transactions).rebuild(done -> progress.progress(done, total));
                }
                // Listed after the work it covers: a session written in between is in both.
                List<Long> keys = transactions.read("list sessions to reindex", em -> em.createQuery(
                        "select s.pk from Ait42Session s order by s.pk", Long.class).getResultList());
                IndexRebuild rebuild = new IndexRebuild(transactions);
                rebuild.purgeAll();
                return rebuild.index(keys, done -> progress.progress(done, total));
            });
            catchUp.syncCommitted(); // the rebuilt index on the disk before its work is forgotten
            transactions.write("forget index work the rebuild covered", em -> {
                IndexWork.delete(em, covered);
                return null;
            });
            return new ReindexReport(documents, Duration.ofNanos(System.nanoTime() - start));
        } catch (SearchException e) {
            throw new StorageException("reindex failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes every change committed so far searchable before this returns (an import calls it):
     * applies the recorded index work, if this process holds the index writer.
     *
     * @return changes applied
     */
    public long catchUpNow() {
        try {
            return catchUp.catchUp();
        } catch (SearchException e) {
            throw new StorageException("indexing failed: " + e.getMessage(), e);
        }
    }

    /** Documents in each index against rows in the database, for consistency checks. */
    public IndexCounts counts() {
        catchUp.catchUpQuietly();
        return transactions.read("count index documents", em -> {
            var search = Search.session(em);
            return new IndexCounts(
                    search.search(Session.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    search.search(Instance.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    search.search(ChatMessage.class).where(f -> f.matchAll()).fetchTotalHitCount(),
                    em.createQuery("select count(s) from Ait42Session s", Long.class).getSingleResult(),
                    em.createQuery("select count(i) from Ait42Instance i", Long.class).getSingleResult(),
                    em.createQuery("select count(m) from Ait42ChatMessage m", Long.class).getSingleResult());
        });
    }

    /**
     * Every document of the index that differs from the database (missing, extra, or holding other
     * text than its row), after catching up with the recorded work; {@link #reindex()} repairs
     * whatever this finds. Reads the whole index and database: a maintenance call.
     */
    public IndexDifferences differences() {
        catchUp.catchUpQuietly();
        return transactions.read("compare the search index with the database",
                em -> new IndexComparison().compare(em, IndexWork.count(em)));
    }

    /** OpenSearch's answer to a prefix that expands to too many terms (its error names Lucene's). */
    private static boolean tooManyClausesOnOpenSearch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("too_many_clauses") || message.contains("TooManyClauses"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
