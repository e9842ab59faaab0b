package dev.ait42.session.repository;

import dev.ait42.session.model.Session;
import dev.ait42.session.model.Session_;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-key level access for other features of the module (full-text search, import), so they
 * filter and load exactly like the repository does. Runs inside the caller's transaction.
 */
public final class SessionLookup {

    private SessionLookup() {
    }

    /** Row keys of the sessions matching every filter of {@code query} (one statement). */
    public static List<Long> keysMatching(EntityManager em, SessionQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<Session> session = cq.from(Session.class);
        cq.select(session.get(Session_.pk)).where(new SessionCriteria(cb, cq, session).filters(query));
        return em.createQuery(cq).getResultList();
    }

    /** Sessions by key, with single parameters: a search page's lookup keeps one translation per bucket. */
    private static final PaddedParameters BY_KEYS = new PaddedParameters(
            keys -> "select s from Ait42Session s join fetch s.workspace where s.pk in (" + PaddedParameters.names("k", keys) + ")");

    /**
     * The sessions with these row keys, in the order of {@code keys}, with the graph the plan
     * asks for; keys without a row are skipped. One statement per {@link SessionGraphLoader#CHUNK}
     * keys, plus the plan's collection fetches.
     */
    public static List<Session> byKeys(EntityManager em, List<Long> keys, FetchPlan plan) {
        Map<Long, Session> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += SessionGraphLoader.CHUNK) {
            List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + SessionGraphLoader.CHUNK));
            var select = em.createQuery(BY_KEYS.statement(chunk.size()), Session.class);
            PaddedParameters.bind(select, "k", chunk);
            select.getResultList().forEach(s -> found.put(s.getPk(), s));
        }
        List<Session> ordered = new ArrayList<>(found.size());
        for (Long key : keys) {
            Session s = found.get(key);
            if (s != null) {
                ordered.add(s);
            }
        }
        SessionGraphLoader.load(em, ordered, plan);
        return ordered;
    }
}
