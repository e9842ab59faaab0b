package dev.ait42.session.legacy;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionLookup;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Database side of import, verification and export; runs inside the caller's transaction. */
final class StoredSessions {

    private StoredSessions() {
    }

    /** Session id to row key of every session of a workspace (one statement). */
    static Map<String, Long> idsOf(EntityManager em, String workspaceHash) {
        Map<String, Long> ids = new HashMap<>();
        em.createQuery("select s.id, s.pk from Ait42Session s where s.workspaceHash = :ws", Object[].class)
                .setParameter("ws", workspaceHash)
                .getResultList()
                .forEach(row -> ids.put((String) row[0], (Long) row[1]));
        return ids;
    }

    /** Hashes of every workspace, sorted. */
    static List<String> workspaceHashes(EntityManager em) {
        return em.createQuery("select w.hash from Ait42Workspace w order by w.hash", String.class).getResultList();
    }

    /** Row keys of a workspace's sessions in insertion order (the order of its legacy file, for imported ones). */
    static List<Long> keysOf(EntityManager em, String workspaceHash) {
        return em.createQuery("select s.pk from Ait42Session s where s.workspaceHash = :ws order by s.pk", Long.class)
                .setParameter("ws", workspaceHash)
                .getResultList();
    }

    /**
     * The stored sessions, with their whole graphs, of those of {@code ids} that {@code known} (id
     * to row key) holds: a few statements for the lot, never one per session.
     */
    static Map<String, Session> load(EntityManager em, Map<String, Long> known, Collection<String> ids) {
        List<Long> keys = new ArrayList<>();
        for (String id : ids) {
            Long pk = known.get(id);
            if (pk != null) {
                keys.add(pk);
            }
        }
        Map<String, Session> byId = new HashMap<>();
        if (!keys.isEmpty()) {
            SessionLookup.byKeys(em, keys, FetchPlan.FULL).forEach(s -> byId.put(s.getId(), s));
        }
        return byId;
    }
}
