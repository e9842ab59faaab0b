package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceKey;
import dev.ait42.session.model.MessageKey;
import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;

import java.util.List;

/**
 * Keeps the index in step with bulk statements, which Hibernate Search does not see. Call inside
 * the write transaction, before the statement: the purges are applied only if it commits.
 */
public final class IndexedBulkChanges {

    /** Keys per statement, well under SQLite's bound-parameter limit. */
    private static final int CHUNK = 1000;

    private IndexedBulkChanges() {
    }

    /** Plans the removal of the documents of these sessions, their instances and their messages. */
    public static void purgeSessions(EntityManager em, List<Long> sessionKeys) {
        SearchIndexingPlan plan = Search.session(em).indexingPlan();
        for (int from = 0; from < sessionKeys.size(); from += CHUNK) {
            List<Long> chunk = sessionKeys.subList(from, Math.min(sessionKeys.size(), from + CHUNK));
            chunk.forEach(pk -> plan.purge(Session.class, pk, null));
            em.createQuery("select i.key from Ait42Instance i where i.session.pk in :keys", InstanceKey.class)
                    .setParameter("keys", chunk).getResultList()
                    .forEach(key -> plan.purge(Instance.class, key, null));
            em.createQuery("select m.key from Ait42ChatMessage m where m.session.pk in :keys", MessageKey.class)
                    .setParameter("keys", chunk).getResultList()
                    .forEach(key -> plan.purge(ChatMessage.class, key, null));
        }
    }
}
