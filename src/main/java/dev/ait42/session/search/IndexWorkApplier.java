package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceKey;
import dev.ait42.session.model.MessageKey;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.PaddedParameters;
import dev.ait42.session.repository.SessionLookup;
import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows of index work into index changes: each named document is written from the database
 * as it is now, or purged if its row is gone, so applying a row twice, or after a later change,
 * leaves the same index. A session with several rows is written whole from one graph load.
 */
final class IndexWorkApplier {

    /** More rows than this for one session: load its graph once rather than part by part. */
    private static final int WHOLE_SESSION_AT = 4;
    /** Sessions per graph load, and per load of single parts. */
    private static final int GRAPH_CHUNK = 200;

    private IndexWorkApplier() {
    }

    /**
     * Plans and executes the changes in the unit's search session; they are applied (visible to
     * this process) when this returns, committed by the next flush of the index.
     *
     * @return documents written or purged
     * @throws org.hibernate.search.util.common.SearchException if the index refused a change
     */
    static long apply(EntityManager em, List<IndexWork> work) {
        // Waits until the changes are applied and fails if one is not; no commit per call.
        SearchIndexingPlan plan = searchSession(em, IndexingPlanSynchronizationStrategy.readSync()).indexingPlan();
        Map<Long, List<IndexWork>> bySession = new LinkedHashMap<>();
        work.forEach(w -> bySession.computeIfAbsent(w.sessionPk(), pk -> new ArrayList<>()).add(w));
        List<Long> whole = new ArrayList<>();
        List<IndexWork> parts = new ArrayList<>();
        long documents = 0;
        int partSessions = 0;
        for (Map.Entry<Long, List<IndexWork>> entry : bySession.entrySet()) {
            List<IndexWork> rows = entry.getValue();
            if (rows.size() >= WHOLE_SESSION_AT || rows.stream().anyMatch(w -> w.part().equals(IndexWork.GRAPH))) {
                whole.add(entry.getKey());
            } else {
                parts.addAll(rows);
                if (++partSessions == GRAPH_CHUNK) { // the lists of keys stay short
                    documents += applyParts(em, plan, parts);
                    parts.clear();
                    partSessions = 0;
                }
            }
        }
        documents += applyParts(em, plan, parts);
        for (int from = 0; from < whole.size(); from += GRAPH_CHUNK) {
            List<Long> chunk = whole.subList(from, Math.min(whole.size(), from + GRAPH_CHUNK));
            Map<Long, Session> loaded = new LinkedHashMap<>();
            SessionLookup.byKeys(em, chunk, FetchPlan.FULL).forEach(s -> loaded.put(s.getPk(), s));
            for (Long pk : chunk) {
                documents += applyWhole(plan, pk, loaded.get(pk), bySession.get(pk));
            }
            plan.execute();
            em.clear();
        }
        plan.execute();
        return documents;
    }

    /**
     * Writes or purges the documents the rows name, each loaded with the others of its kind (a
     * statement per kind, not one per row: under a stream of writes a round holds hundreds); the
     * sessions first, whose fields every part's document carries.
     */
    private static long applyParts(EntityManager em, SearchIndexingPlan plan, List<IndexWork> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> sessionPks = rows.stream().map(IndexWork::sessionPk).distinct().toList();
        Map<Long, Session> sessions = new HashMap<>();
        SessionLookup.byKeys(em, sessionPks, FetchPlan.SUMMARY).forEach(s -> sessions.put(s.getPk(), s));
        Map<Object, Object> parts = new HashMap<>();
        List<Long> withInstances = pksOf(rows, IndexWork.INSTANCE);
        if (!withInstances.isEmpty()) {
            var select = em.createQuery(INSTANCES_OF.statement(withInstances.size()), Instance.class);
            PaddedParameters.bind(select, "s", withInstances);
            select.getResultList().forEach(i -> parts.put(InstanceKey.of(i.getSession().getPk(), i.getInstanceId()), i));
        }
        List<IndexWork> messageRows = rows.stream().filter(w -> w.part().equals(IndexWork.MESSAGE)).toList();
        if (!messageRows.isEmpty()) {
            var select = em.createQuery(MESSAGES_BY_KEYS.statement(messageRows.size()), ChatMessage.class);
            PaddedParameters.bind(select, "s", messageRows.stream().map(IndexWork::sessionPk).toList());
            PaddedParameters.bind(select, "m", messageRows.stream().map(IndexWork::partId).toList());
            select.getResultList().forEach(m -> parts.put(MessageKey.of(m.getSession().getPk(), m.getId()), m));
        }
        for (IndexWork row : rows) {
            switch (row.part()) {
                case IndexWork.SESSION -> addOrPurge(plan, Session.class, row.sessionPk(), sessions.get(row.sessionPk()));
                case IndexWork.INSTANCE -> addOrPurge(plan, Instance.class, instanceKey(row), parts.get(instanceKey(row)));
                case IndexWork.MESSAGE -> {
                    MessageKey key = MessageKey.of(row.sessionPk(), row.partId());
                    addOrPurge(plan, ChatMessage.class, key, parts.get(key));
                }
                default -> throw new IllegalStateException("unknown index work '" + row.part() + "' (row " + row.id() + ")");
            }
        }
        return rows.size();
    }

    /** The instances of a list of sessions, one parameter per session (one translated statement per size). */
    private static final PaddedParameters INSTANCES_OF = new PaddedParameters(keys ->
            "select i from " + Instance.ENTITY_NAME + " i where i.key.sessionPk in (" + PaddedParameters.names("s", keys) + ")");

    /** Messages by their keys: pairs of keys, not every session against every message id. */
    private static final PaddedParameters MESSAGES_BY_KEYS = new PaddedParameters(keys ->
            "select m from " + ChatMessage.ENTITY_NAME + " m where (m.key.sessionPk, m.key.messageId) in ("
                    + PaddedParameters.pairs("s", "m", keys) + ")");

    private static List<Long> pksOf(List<IndexWork> rows, String part) {
        return rows.stream().filter(w -> w.part().equals(part)).map(IndexWork::sessionPk).distinct().toList();
    }

    /** The document of {@code entity}, or its purge if the row is gone (null). */
    private static void addOrPurge(SearchIndexingPlan plan, Class<?> type, Object id, Object entity) {
        if (entity == null) {
            plan.purge(type, id, null);
        } else {
            plan.addOrUpdate(entity);
        }
    }

    /** Writes the session and all its parts, and purges the parts its rows name that are gone. */
    private static long applyWhole(SearchIndexingPlan plan, long pk, Session session, List<IndexWork> rows) {
        long documents = 0;
        Set<Object> present = new HashSet<>();
        if (session == null) {
            plan.purge(Session.class, pk, null);
        } else {
            documents += addGraph(plan, session, present);
        }
        for (IndexWork row : rows) {
            if (row.part().equals(IndexWork.INSTANCE) && !present.contains(instanceKey(row))) {
                plan.purge(Instance.class, instanceKey(row), null);
                documents++;
            } else if (row.part().equals(IndexWork.MESSAGE) && !present.contains(MessageKey.of(pk, row.partId()))) {
                plan.purge(ChatMessage.class, MessageKey.of(pk, row.partId()), null);
                documents++;
            }
        }
        return documents;
    }

    /**
     * Plans the documents of a session and of all its parts (loaded), adding the parts' keys to
     * {@code keys}; the documents planned.
     */
    static long addGraph(SearchIndexingPlan plan, Session session, Set<Object> keys) {
        plan.addOrUpdate(session);
        for (Instance instance : session.getInstances()) {
            plan.addOrUpdate(instance);
            keys.add(InstanceKey.of(session.getPk(), instance.getInstanceId()));
        }
        for (ChatMessage message : session.getMessages()) {
            plan.addOrUpdate(message);
            keys.add(MessageKey.of(session.getPk(), message.getId()));
        }
        return 1 + session.getInstances().size() + session.getMessages().size();
    }

    /** The search session that applies index work, on a unit's entity manager. */
    static SearchSession searchSession(EntityManager em, IndexingPlanSynchronizationStrategy strategy) {
        SearchSession search = Search.session(em);
        search.indexingPlanFilter(SearchIndexes::includeLibraryTypes);
        search.indexingPlanSynchronizationStrategy(strategy);
        return search;
    }

    private static InstanceKey instanceKey(IndexWork row) {
        return InstanceKey.of(row.sessionPk(), Integer.parseInt(row.partId()));
    }
}
