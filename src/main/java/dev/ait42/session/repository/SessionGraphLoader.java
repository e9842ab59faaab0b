package dev.ait42.session.repository;

import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Loads the collections of sessions already in the persistence context: one statement per
 * collection for up to {@link #CHUNK} sessions (never one per session). Two separate fetches,
 * because joining both collections at once multiplies rows (instances x messages). Rows come in
 * session order: the collection's own order ({@code seq}) then follows per session, so SQLite reads
 * them in index order instead of sorting every joined row in a temporary B-tree.
 */
final class SessionGraphLoader {

    private SessionGraphLoader() {
    }

    /** Sessions per statement: a page (at most 1000) takes one; SQLite binds at most 32766 values. */
    static final int CHUNK = 1000;

    static void load(EntityManager em, List<Session> sessions, FetchPlan plan) {
        for (int from = 0; from < sessions.size(); from += CHUNK) {
            List<Session> chunk = sessions.subList(from, Math.min(sessions.size(), from + CHUNK));
            if (plan.instances()) {
                fetch(em, "select s from Ait42Session s left join fetch s.instances", chunk);
            }
            if (plan.messages()) {
                fetch(em, "select s from Ait42Session s left join fetch s.messages", chunk);
            }
        }
    }

    /**
     * One session (a {@code get}) is bound as a single value: Hibernate then reuses the query's
     * translation to SQL from call to call, which a list parameter (its size can change) prevents;
     * translating again was a third of a {@code get}.
     */
    private static void fetch(EntityManager em, String selectAndFetch, List<Session> sessions) {
        if (sessions.size() == 1) {
            em.createQuery(selectAndFetch + " where s = :session", Session.class)
                    .setParameter("session", sessions.get(0)).getResultList();
        } else {
            em.createQuery(selectAndFetch + " where s in :sessions order by s.pk", Session.class)
                    .setParameter("sessions", sessions).getResultList();
        }
    }
}
