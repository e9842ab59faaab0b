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

    /** The session named by workspace and id, as the reads for a change select it. */
    private static final String FROM_SESSION = " from Ait42Session s where s.workspaceHash = :ws and s.id = :id";

    /**
     * A session to change, without its workspace (a lazy reference): one statement with one
     * entity to hydrate and dirty-check.
     */
    Optional<Session> forWrite(EntityManager em, String workspaceHash, String sessionId) {
        return atMostOne(em.createQuery("select s" + FROM_SESSION, Session.class)
                .setParameter("ws", workspaceHash)
                .setParameter("id", sessionId));
    }

    /** Where a message is appended: its session, the position after the last message, whether its instance exists. */
    record AppendTarget(Session session, int nextSeq, boolean instanceFound) {
    }

    private static final String FOR_APPEND = "select s, (select max(m.seq) from Ait42ChatMessage m where m.session = s)";

    /**
     * The session to append to, its last position and (for a message of an instance) the instance
     * check in one statement, as {@link #forWrite} reads it: the history and the instances are
     * looked up by index in the same round trip instead of one statement each.
     */
    Optional<AppendTarget> forAppend(EntityManager em, String workspaceHash, String sessionId, Integer instanceId) {
        TypedQuery<Object[]> query = instanceId == null
                ? em.createQuery(FOR_APPEND + FROM_SESSION, Object[].class)
                : em.createQuery(FOR_APPEND + ", (select count(i) from Ait42Instance i"
                        + " where i.session = s and i.key.instanceId = :instance)" + FROM_SESSION, Object[].class)
                        .setParameter("instance", instanceId);
        return atMostOne(query.setParameter("ws", workspaceHash).setParameter("id", sessionId)).map(row -> {
            Integer last = (Integer) row[1];
            return new AppendTarget((Session) row[0], last == null ? 0 : last + 1,
                    instanceId == null || ((Number) row[2]).longValue() > 0);
        });
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

    /**
     * One aggregate statement: the counts and sums per (status, type), added up here. The
     * database reads the matching rows once, where a statement per view read them three times.
     */
    SessionStatistics statistics(EntityManager em, SessionQuery q) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<Session> s = cq.from(Session.class);
        Path<SessionStatus> status = s.get(Session_.status);
        Path<SessionType> type = s.get(Session_.type);
        cq.multiselect(status, type, cb.count(s),
                // sum and count, divided in Java (see Mean): the same digits on every database
                cb.sum(s.get(Session_.totalDuration)), cb.count(s.get(Session_.totalDuration)),
                // sumAsLong: an integer sum would be read back as int and wrap past 2^31; sum skips
                // missing values (null only when none has one, counted 0 below), so no literal is
                // bound: the statement's SQL translation is reused from call to call
                cb.sumAsLong(s.get(Session_.totalFilesChanged)),
                cb.sumAsLong(s.get(Session_.totalLinesAdded)),
                cb.sumAsLong(s.get(Session_.totalLinesDeleted)))
                .where(new SessionCriteria(cb, cq, s).filters(q))
                .groupBy(status, type);
        Map<SessionStatus, Long> byStatus = zeroes(SessionStatus.class);
        Map<SessionType, Long> byType = zeroes(SessionType.class);
        long total = 0;
        long durationSum = 0;
        long durations = 0;
        long[] sums = new long[3];
        for (Tuple row : em.createQuery(cq).getResultList()) {
            long count = row.get(2, Long.class);
            byStatus.merge(row.get(0, SessionStatus.class), count, Long::sum);
            byType.merge(row.get(1, SessionType.class), count, Long::sum);
            total += count;
            durationSum += number(row.get(3));
            durations += number(row.get(4));
            for (int i = 0; i < sums.length; i++) {
                sums[i] += number(row.get(5 + i));
            }
        }
        long completed = byStatus.get(SessionStatus.COMPLETED);
        long failed = byStatus.get(SessionStatus.FAILED);
        return new SessionStatistics(byStatus, byType, total,
                completed + failed == 0 ? null : (double) completed / (completed + failed),
                Mean.of(durationSum, durations), sums[0], sums[1], sums[2]);
    }

    /** Every constant of {@code type}, counted zero. */
    private static <E extends Enum<E>> Map<E, Long> zeroes(Class<E> type) {
        Map<E, Long> counts = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            counts.put(constant, 0L);
        }
        return counts;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
