package dev.ait42.session.repository;

import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Loads the collections of sessions already in the persistence context: one statement per
 * collection whatever the number of sessions (never one per session). Two separate fetches,
 * because joining both collections at once multiplies rows (instances x messages).
 */
final class SessionGraphLoader {

    private SessionGraphLoader() {
    }

    static void load(EntityManager em, List<Session> sessions, FetchPlan plan) {
        if (sessions.isEmpty()) {
            return;
        }
        if (plan.instances()) {
            em.createQuery("select s from Session s left join fetch s.instances where s in :sessions",
                    Session.class).setParameter("sessions", sessions).getResultList();
        }
        if (plan.messages()) {
            em.createQuery("select s from Session s left join fetch s.messages where s in :sessions",
                    Session.class).setParameter("sessions", sessions).getResultList();
        }
    }
}
