package dev.ait42.session.search;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionLookup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.orm.work.SearchWorkspace;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes the documents of sessions from the database: each session is loaded with its whole
 * graph (three statements per {@link #CHUNK} sessions) and indexed with its instances and
 * messages, which Hibernate Search reindexes as dependents of the session.
 *
 * <p>Why not the MassIndexer: it loads entities by batches of ids, and instances and messages have
 * composite ids, so each batch is a statement of 100 OR-ed key pairs that SQLite spends longer
 * preparing than running (measured: 17,500 docs/s against this class's figure in the benchmark).
 */
final class IndexRebuild {

    /** Sessions per round: load their graphs, build their documents, then forget them. */
    static final int CHUNK = 200;

    private final EntityManagerFactory factory;

    IndexRebuild(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** Drops every document of the three indexes. */
    void purgeAll() {
        SearchWorkspace workspace = Search.mapping(factory).scope(Object.class).workspace();
        workspace.purge();
    }

    /**
     * Indexes these sessions with their instances and messages (replacing their documents), then
     * makes the changes durable and visible.
     *
     * @param indexed told how many documents have been sent to the index so far
     * @return documents written
     */
    long index(List<Long> sessionKeys, LongConsumer indexed) {
        long documents = 0;
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            SearchSession search = Search.session(em);
            // Bulk work: don't wait for each round to be visible, the flush below settles it.
            search.indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async());
            for (int from = 0; from < sessionKeys.size(); from += CHUNK) {
                List<Long> chunk = sessionKeys.subList(from, Math.min(sessionKeys.size(), from + CHUNK));
                for (Session session : SessionLookup.byKeys(em, chunk, FetchPlan.FULL)) {
                    search.indexingPlan().addOrUpdate(session);
                    documents += 1 + session.getInstances().size() + session.getMessages().size();
                }
                search.indexingPlan().execute();
                em.clear();
                indexed.accept(documents);
            }
            // Nothing was written to the database; committing lets Hibernate Search finish its
            // per-transaction bookkeeping (a rollback leaves completion actions behind).
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        SearchWorkspace workspace = Search.mapping(factory).scope(Object.class).workspace();
        workspace.flush();
        workspace.refresh();
        return documents;
    }
}
