package dev.ait42.session.search;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionLookup;
import dev.ait42.session.UnitOfWork;
import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.orm.work.SearchWorkspace;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Rebuilds a Lucene index from the database: each session is loaded with its whole graph (three
 * statements per {@link #CHUNK} sessions) and indexed with its instances and messages. OpenSearch
 * indexes are rebuilt by the MassIndexer ({@link OpenSearchRebuild}).
 *
 * <p>Why not the MassIndexer here: it loads entities by batches of ids, and instances and messages
 * have composite ids, so each batch is a statement of 100 OR-ed key pairs that SQLite spends longer
 * preparing than running (measured: 17,500 docs/s against this class's figure in the benchmark).
 * Lucene stores are mostly SQLite ones; on PostgreSQL the two are compared in docs/BENCHMARKS.md.
 */
final class IndexRebuild {

    /** Sessions per round: load their graphs, build their documents, then forget them. */
    static final int CHUNK = 200;

    private final UnitOfWork unit;

    IndexRebuild(UnitOfWork unit) {
        this.unit = unit;
    }

    /** Drops every document of the library's three Lucene indexes. */
    void purgeAll() {
        unit.read("purge the search index", em -> {
            workspace(em).purge();
            return null;
        });
    }

    /** Whether the unit's index is an OpenSearch (Elasticsearch-backend) one. */
    static boolean onOpenSearch(EntityManager em) {
        Object backend = Search.mapping(em.getEntityManagerFactory()).backend();
        return SearchBackend.ELASTICSEARCH_BACKEND != null && SearchBackend.ELASTICSEARCH_BACKEND.isInstance(backend);
    }

    private static SearchWorkspace workspace(EntityManager em) {
        // The library's indexes only: an application's own, in the same unit, are its business.
        return Search.session(em).workspace(SearchIndexes.TYPES);
    }

    /**
     * Indexes these sessions with their instances and messages (replacing their documents), then
     * makes the changes durable and visible.
     *
     * @param indexed told how many documents have been sent to the index so far
     * @return documents written
     */
    long index(List<Long> sessionKeys, LongConsumer indexed) {
        boolean keepContext = unit.inCallerTransaction();
        return unit.read("index " + sessionKeys.size() + " sessions", em -> {
            long documents = 0;
            // Bulk work: don't wait for each round to be visible, the flush below settles it.
            SearchSession search = IndexWorkApplier.searchSession(em, IndexingPlanSynchronizationStrategy.async());
            for (int from = 0; from < sessionKeys.size(); from += CHUNK) {
                List<Long> chunk = sessionKeys.subList(from, Math.min(sessionKeys.size(), from + CHUNK));
                for (Session session : SessionLookup.byKeys(em, chunk, FetchPlan.FULL)) {
                    documents += IndexWorkApplier.addGraph(search.indexingPlan(), session, new java.util.HashSet<>());
                }
                search.indexingPlan().execute();
                if (!keepContext) {
                    em.clear(); // bounded memory; a caller's own entities are never detached
                }
                indexed.accept(documents);
            }
            SearchWorkspace workspace = workspace(em);
            // A rebuild writes the indexes in many segments; every search visits each of them. The
            // merge takes in what is not yet written, and does not commit: the flush commits its result.
            workspace.mergeSegments();
            workspace.flush();
            workspace.refresh();
            return documents;
        });
    }
}
