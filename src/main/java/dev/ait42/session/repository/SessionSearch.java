package dev.ait42.session.repository;

import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Session_;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read queries of the repository; each states its fetch plan. */
final class SessionSearch {

    static final int MAX_LIMIT = 1000;

    /** A session by workspace and id, with its workspace (one statement). */
    Optional<Session> byId(EntityManager em, String workspaceHash, String sessionId) {
        return atMostOne(em.createQuery("select s from Ait42Session s join fetch s.workspace w"
                        + " where w.hash = :ws and s.id = :id", Session.class)
                .setParameter("ws", workspaceHash)
                .setParameter("id", sessionId));
    }

    /**
     * A session to change, without its workspace (a lazy reference): one statement with one
     * entity to hydrate and dirty-check.
     */
    Optional<Session> forWrite(EntityManager em, String workspaceHash, String sessionId) {
        return atMostOne(em.createQuery("select s from Ait42Session s where s.workspaceHash = :ws and s.id = :id",
                        Session.class)
                .setParameter("ws", workspaceHash)
                .setParameter("id", sessionId));
    }

    /** One instance with its session (one statement). */
    Optional<Instance> instance(EntityManager em, String workspaceHash, String sessionId, int instanceId) {
        return atMostOne(em.createQuery("select i from Ait42Instance i join fetch i.session s"
                        + " where s.workspace.hash = :ws and s.id = :id and i.key.instanceId = :instance",
                        Instance.class)
                .setParameter("ws", workspaceHash)
                .setParameter("id", sessionId)
                .setParameter("instance", instanceId));
    }

    /**
     * The row of a query on a unique key, read to the end so that its statement is closed before
     * the caller goes on. Not {@code getResultStream().findFirst()}: a stream left open keeps its
     * SQLite statement stepping until the entity manager releases it, after the commit. SQLite
     * commits past such a reader but leaves the connection in a read transaction, and sqlite-jdbc's
     * commit then begins the next transaction at once ({@code BEGIN IMMEDIATE}): upgrading that
     * read transaction does not wait for the busy timeout, so with a second writer in the pool
     * the commit fails at once with SQLITE_BUSY, after the data was committed.
     */
    private static <T> Optional<T> atMostOne(TypedQuery<T> query) {
        return query.getResultList().stream().findFirst();
    }

    /**
     * Matching sessions in the query's order, with their workspace but not yet their collections
     * (one statement): callers load the graph of the sessions they hand out.
     */
    List<Session> rows(EntityManager em, SessionQuery q, KeysetCursor after, int offset, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Session> cq = cb.createQuery(Session.class);
        Root<Session> session = cq.from(Session.class);
        session.fetch(Session_.workspace);
        SessionCriteria criteria = new SessionCriteria(cb, cq, session);
        List<Predicate> where = new ArrayList<>(List.of(criteria.filters(q)));
        if (after != null) {
            where.add(criteria.after(after));
        }
        cq.select(session).where(where.toArray(Predicate[]::new)).orderBy(criteria.order(q.sort(), q.direction()));
        TypedQuery<Session> query = em.createQuery(cq).setFirstResult(offset);
        if (limit != Integer.MAX_VALUE) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    long count(EntityManager em, SessionQuery q) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<Session> session = cq.from(Session.class);
        cq.select(cb.count(session)).where(new SessionCriteria(cb, cq, session).filters(q));
        return em.createQuery(cq).getSingleResult();
    }

    /** Three aggregate statements: per status, per type, and the sums. */
    SessionStatistics statistics(EntityManager em, SessionQuery q) {
        Map<SessionStatus, Long> byStatus = countBy(em, q, SessionStatus.class, Session_.STATUS);
        Map<SessionType, Long> byType = countBy(em, q, SessionType.class, Session_.TYPE);

        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<Session> s = cq.from(Session.class);
        cq.multiselect(
                // sum and count, divided in Java (see Mean): the same digits on every database
                cb.sum(s.get(Session_.totalDuration)), cb.count(s.get(Session_.totalDuration)),
                // sumAsLong: an integer sum would be read back as int and wrap past 2^31
                cb.sumAsLong(cb.coalesce(s.get(Session_.totalFilesChanged), 0)),
                cb.sumAsLong(cb.coalesce(s.get(Session_.totalLinesAdded), 0)),
                cb.sumAsLong(cb.coalesce(s.get(Session_.totalLinesDeleted), 0)))
                .where(new SessionCriteria(cb, cq, s).filters(q));
        Tuple sums = em.createQuery(cq).getSingleResult();

        long completed = byStatus.get(SessionStatus.COMPLETED);
        long failed = byStatus.get(SessionStatus.FAILED);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new SessionStatistics(byStatus, byType, total,
                completed + failed == 0 ? null : (double) completed / (completed + failed),
                Mean.of(sums.get(0), sums.get(1)),
                number(sums.get(2)), number(sums.get(3)), number(sums.get(4)));
    }

    private static <E extends Enum<E>> Map<E, Long> countBy(EntityManager em, SessionQuery q, Class<E> type,
                                                            String attribute) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<Session> s = cq.from(Session.class);
        Path<E> key = s.get(attribute);
        cq.multiselect(key, cb.count(s)).where(new SessionCriteria(cb, cq, s).filters(q)).groupBy(key);
        Map<E, Long> counts = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            counts.put(constant, 0L);
        }
        for (Tuple row : em.createQuery(cq).getResultList()) {
            counts.put(row.get(0, type), row.get(1, Long.class));
        }
        return counts;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
