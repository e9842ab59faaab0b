package dev.ait42.session.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.scope.SearchScope;

/**
 * What every search of one persistence unit runs against: the scope of the three indexed types
 * and the backend's score scale. Made once per unit, not per search (a scope resolves the types'
 * indexes each time it is made).
 *
 * @param scoreScale what a backend's scores are multiplied by, so a hit scores the same on both
 */
record SearchTargets(EntityManagerFactory factory, SearchScope<Object> scope, float scoreScale) {

    /**
     * OpenSearch 2's BM25 keeps the factor {@code k1 + 1} (2.2) that Lucene's dropped: the same
     * ranking, every score 2.2 times Lucene's. Divided out, a hit scores the same on both backends.
     */
    private static final float OPENSEARCH_BM25_FACTOR = 2.2f;

    static SearchTargets of(EntityManager em) {
        EntityManagerFactory factory = em.getEntityManagerFactory();
        return new SearchTargets(factory, Search.mapping(factory).scope(SearchIndexes.TYPES),
                IndexRebuild.onOpenSearch(em) ? 1 / OPENSEARCH_BM25_FACTOR : 1);
    }

    /** These targets if they are {@code em}'s unit's, otherwise its unit's. */
    SearchTargets forUnitOf(EntityManager em) {
        return factory == em.getEntityManagerFactory() ? this : of(em);
    }
}
