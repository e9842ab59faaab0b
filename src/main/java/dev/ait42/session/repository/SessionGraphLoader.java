package dev.ait42.session.repository;

import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.function.Function;

/**
 * Loads the collections of sessions already in the persistence context: one statement per
 * collection for up to {@link #CHUNK} sessions (never one per session). Two separate fetches,
 * because joining both collections at once multiplies rows (instances x messages).
 *
 * <p>Each collection is loaded by Hibernate's batch loader ({@code @BatchSize} on the collection):
 * touching the first session's collection loads that collection of every session of the
 * persistence context, up to {@link Session#GRAPH_BATCH}, with one prepared statement of child rows
 * only. A {@code join fetch} instead repeated the session's columns on every child row (SQLite
 * then sorted those wide rows) and was translated to SQL again on every call, as its list
 * parameter is expanded per call.
 */
final class SessionGraphLoader {

    private SessionGraphLoader() {
    }

    /** Sessions per statement: a page (at most 1000) takes one; SQLite binds at most 32766 values. */
    static final int CHUNK = Session.GRAPH_BATCH;

    static void load(EntityManager em, List<Session> sessions, FetchPlan plan) {
        if (plan.instances()) {
            initialize(sessions, Session::getInstances);
        }
        if (plan.messages()) {
            initialize(sessions, Session::getMessages);
        }
    }

    /** Reading a collection's size initializes it, and with it the batch it belongs to. */
    private static void initialize(List<Session> sessions, Function<Session, List<?>> collection) {
        for (Session session : sessions) {
            collection.apply(session).size();
        }
    }
}
