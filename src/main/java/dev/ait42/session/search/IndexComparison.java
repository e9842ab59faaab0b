package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.search.engine.search.projection.SearchProjection;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.orm.Search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the index with the database document by document: reads every document's id and
 * stored text from the index (keeping a hash of the text per id), then every row's key and text
 * from the database, and reports what differs ({@link IndexDifferences}).
 */
final class IndexComparison {

    private static final int SCROLL = 1000;

    private long documents;
    private long rows;
    private long missing;
    private long extra;
    private long stale;
    private final List<String> examples = new ArrayList<>();

    IndexDifferences compare(EntityManager em, long pendingWork) {
        compareIndex(em, Session.class, SearchIndexes.SESSIONS, List.of(SearchIndexes.TASK),
                "select cast(s.pk as string), s.task from Ait42Session s");
        compareIndex(em, Instance.class, SearchIndexes.INSTANCES, List.of(SearchIndexes.AGENT_NAME, SearchIndexes.OUTPUT),
                "select concat(cast(i.key.sessionPk as string), '/', cast(i.key.instanceId as string)),"
                        + " i.agentName, i.output from Ait42Instance i");
        compareIndex(em, ChatMessage.class, SearchIndexes.MESSAGES, List.of(SearchIndexes.CONTENT),
                "select concat(cast(m.key.sessionPk as string), '/', m.key.messageId), m.content from Ait42ChatMessage m");
        return new IndexDifferences(documents, rows, missing, extra, stale, pendingWork, examples);
    }

    private void compareIndex(EntityManager em, Class<?> type, String index, List<String> fields, String rowsQuery) {
        Map<String, Integer> documentText = new HashMap<>();
        try (SearchScroll<List<?>> scroll = Search.session(em).search(type)
                .select(f -> {
                    List<SearchProjection<?>> projections = new ArrayList<>();
                    projections.add(f.id(Object.class).toProjection());
                    fields.forEach(name -> projections.add(f.field(name, String.class).toProjection()));
                    return f.composite().from(projections.toArray(SearchProjection<?>[]::new)).asList();
                })
                .where(f -> f.matchAll()).scroll(SCROLL)) {
            for (SearchScrollResult<List<?>> chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
                for (List<?> hit : chunk.hits()) {
                    documentText.put(documentId(hit.get(0)), Objects.hash(hit.subList(1, hit.size()).toArray()));
                    documents++;
                }
                em.clear();
            }
        }
        try (ScrollableResults<Object[]> scroll = em.createQuery(rowsQuery, Object[].class)
                .unwrap(org.hibernate.query.Query.class).setFetchSize(SCROLL).scroll(ScrollMode.FORWARD_ONLY)) {
            while (scroll.next()) {
                Object[] row = scroll.get();
                rows++;
                Object[] text = java.util.Arrays.copyOfRange(row, 1, row.length);
                Integer document = documentText.remove((String) row[0]);
                if (document == null) {
                    missing++;
                    example(index, "missing", row[0]);
                } else if (document != Objects.hash(text)) {
                    stale++;
                    example(index, "stale", row[0]);
                }
            }
        }
        extra += documentText.size();
        documentText.keySet().forEach(id -> example(index, "extra", id));
    }

    /** The id in the index's form: the session key, or {@code <sessionPk>/<local id>}. */
    private static String documentId(Object id) {
        if (id instanceof dev.ait42.session.model.InstanceKey key) {
            return key.getSessionPk() + "/" + key.getInstanceId();
        }
        if (id instanceof dev.ait42.session.model.MessageKey key) {
            return key.getSessionPk() + "/" + key.getMessageId();
        }
        return String.valueOf(id);
    }

    private void example(String index, String kind, Object id) {
        if (examples.size() < IndexDifferences.EXAMPLES) {
            examples.add(kind + " " + index + ":" + id);
        }
    }
}
