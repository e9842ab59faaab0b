package dev.ait42.session.search;

import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A row of the table {@value #TABLE}: a change the search index has yet to see, written by the
 * database's triggers in the transaction that made the change (see the changelog). The SQL of the
 * table is all here.
 *
 * @param part   {@link #SESSION}, {@link #GRAPH}, {@link #INSTANCE} or {@link #MESSAGE}
 * @param partId the instance number or message id; null for the session itself
 */
record IndexWork(long id, long sessionPk, String part, String partId) {

    static final String TABLE = "search_index_work";
    /** The session's own document. */
    static final String SESSION = "session";
    /** The session's document and every part's, which carry the session's filter values. */
    static final String GRAPH = "graph";
    static final String INSTANCE = "instance";
    static final String MESSAGE = "message";

    /** Ids per DELETE statement, well under SQLite's bound-parameter limit. */
    private static final int DELETE_CHUNK = 500;

    /**
     * Key space of the transaction-scoped advisory locks that keep a session's rows to one node:
     * {@code pg_try_advisory_xact_lock(CLAIMS, session_pk)}.
     */
    private static final int CLAIMS = 0x41693432; // "Ai42"

    /** The oldest rows after {@code afterId} up to {@code upToId}, at most {@code limit}. */
    static List<IndexWork> between(EntityManager em, long afterId, long upToId, int limit) {
        return rows(em.createNativeQuery("select id, session_pk, part, part_id from " + TABLE
                        + " where id > ?1 and id <= ?2 order by id limit ?3")
                .setParameter(1, afterId).setParameter(2, upToId).setParameter(3, limit).getResultList());
    }

    /** The id of the newest row, 0 if there is none. */
    static long newestId(EntityManager em) {
        Object newest = em.createNativeQuery("select max(id) from " + TABLE).getSingleResult();
        return newest == null ? 0 : ((Number) newest).longValue();
    }

    /**
     * The rows after {@code afterId} of the given sessions: the rest of their recorded work, so
     * that one round applies all of a session's rows at once (in id order a session's rows are
     * not contiguous: a bulk import writes a chunk's sessions, then its instances, then its
     * messages), and no session is written twice by one catch-up.
     */
    static List<IndexWork> laterOfSessions(EntityManager em, Collection<Long> sessionPks, long afterId) {
        List<Long> pks = List.copyOf(sessionPks);
        List<IndexWork> later = new ArrayList<>();
        // Lists of at most 1,000 keys: the most an IN list may name in every dialect's view.
        for (int from = 0; from < pks.size(); from += SESSIONS_PER_LOOKUP) {
            later.addAll(rows(em.createNativeQuery("select id, session_pk, part, part_id from " + TABLE
                            + " where id > ?1 and session_pk in (?2) order by id")
                    .setParameter(1, afterId)
                    .setParameter(2, pks.subList(from, Math.min(pks.size(), from + SESSIONS_PER_LOOKUP)))
                    .getResultList()));
        }
        if (pks.size() > SESSIONS_PER_LOOKUP) {
            later.sort(Comparator.comparingLong(IndexWork::id));
        }
        return later;
    }

    private static final int SESSIONS_PER_LOOKUP = 1000;

    /**
     * Claims the oldest rows, at most {@code limit}, for the calling transaction, which applies
     * them to a shared index and deletes them before it commits. On PostgreSQL rows another
     * transaction holds are skipped ({@code FOR UPDATE SKIP LOCKED}), and so are the rows of any
     * session another transaction holds rows of (an advisory lock per session, taken as its rows
     * are claimed): two nodes never index one session at once, so an older state read by one
     * cannot overwrite a newer one written by the other. On SQLite the transaction already holds
     * the database's write lock: no other claim or write can run until it ends.
     */
    static List<IndexWork> claim(EntityManager em, int limit) {
        String sql = "select id, session_pk, part, part_id from " + TABLE
                + (onPostgresql(em) ? " where pg_try_advisory_xact_lock(" + CLAIMS + ", cast(session_pk % 2147483647 as integer))"
                + " order by id limit ?1 for update skip locked" : " order by id limit ?1");
        return rows(em.createNativeQuery(sql).setParameter(1, limit).getResultList());
    }

    /** Claims one row (as {@link #claim}); empty if it is gone or another transaction holds it. */
    static List<IndexWork> claimRow(EntityManager em, long id) {
        String sql = "select id, session_pk, part, part_id from " + TABLE + " where id = ?1"
                + (onPostgresql(em) ? " and pg_try_advisory_xact_lock(" + CLAIMS + ", cast(session_pk % 2147483647 as integer))"
                + " for update skip locked" : "");
        return rows(em.createNativeQuery(sql).setParameter(1, id).getResultList());
    }

    private static boolean onPostgresql(EntityManager em) {
        return em.getEntityManagerFactory().unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                .getJdbcServices().getDialect() instanceof org.hibernate.dialect.PostgreSQLDialect;
    }

    private static List<IndexWork> rows(List<?> rows) {
        List<IndexWork> work = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            work.add(new IndexWork(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue(),
                    (String) columns[2], columns[3] == null ? null : columns[3].toString()));
        }
        return work;
    }

    /**
     * Whether any work is waiting. Asked every few hundred milliseconds, so on the connection
     * itself: it stays out of Hibernate's statement statistics (an application's own counts).
     */
    static boolean pending(EntityManager em) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (var statement = connection.prepareStatement("select id from " + TABLE + " limit 1");
                 var rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    /** Rows waiting. */
    static long count(EntityManager em) {
        return ((Number) em.createNativeQuery("select count(*) from " + TABLE).getSingleResult()).longValue();
    }

    /** Forgets work the index has committed. */
    static void delete(EntityManager em, List<Long> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            em.createNativeQuery("delete from " + TABLE + " where id in (:ids)")
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK)))
                    .executeUpdate();
        }
    }

    /** The ids of every row visible now: what a full rebuild beginning now covers. */
    static List<Long> allIds(EntityManager em) {
        List<?> ids = em.createNativeQuery("select id from " + TABLE + " order by id").getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }
}
